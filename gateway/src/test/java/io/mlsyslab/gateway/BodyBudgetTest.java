package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * A client's slow or missing body is that client's 408 (request-body-timeout is 2 s here), never a failure of the
 * service: the breaker stays closed and records nothing, and on ordinary routes the service never even sees the
 * request. Raw sockets send what a well-behaved client would not.
 */
class BodyBudgetTest extends GatewayTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void getsDeclaringABodyTheyNeverSendAre408sThatLeaveTheBreakerClosed() {
        CircuitBreaker breaker = breakers.circuitBreaker("storage");
        AtomicInteger recorded = recordedCalls(breaker);
        String path = "/api/storage/echo/missing-body-" + UUID.randomUUID();
        // more than the breaker's window (4 calls, all failures would open it), all at once
        List<CompletableFuture<RawHttp.Answer>> answers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try (RawHttp client = RawHttp.connect(port)) {
                        return client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                                + "Authorization: " + bearer(READER) + "\r\nContent-Length: 10\r\n\r\n").answer(DEADLINE);
                    }
                }))
                .toList();
        for (CompletableFuture<RawHttp.Answer> answer : answers) {
            RawHttp.Answer a = answer.join();
            assertThat(a.status()).isEqualTo(408);
            assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(a.body()).contains("\"status\":408").contains("request-body budget of 2000 ms");
        }
        assertThat(UPSTREAMS.echoed(path)).as("requests that reached the service").isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(recorded).as("calls the breaker recorded").hasValue(0);
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void aBodyThatArrivesSlowlyButWithinTheBudgetReachesTheServiceWhole() throws InterruptedException {
        String path = "/api/storage/echo/slow-body-" + UUID.randomUUID();
        try (RawHttp client = RawHttp.connect(port)) {
            client.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer(WRITER)
                    + "\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n12345");
            Thread.sleep(500);
            RawHttp.Answer answer = client.send("67890").answer(DEADLINE);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"bodyBytes\":10");
        }
        assertThat(UPSTREAMS.echoed(path)).isEqualTo(1);
    }

    @Test
    void aStalledStreamedUploadIs408WhenTheServiceBudgetRunsOutAndIsNotTheServicesFailure() {
        CircuitBreaker breaker = breakers.circuitBreaker("storage");
        AtomicInteger failures = failedCalls(breaker);
        // a route with its own body limit streams; storage's response-start budget (1 s) runs out before the body
        try (RawHttp client = RawHttp.connect(port)) {
            RawHttp.Answer answer = client.send("POST /api/storage/echo/big/stalled HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + bearer(WRITER) + "\r\nContent-Length: 100\r\n\r\n0123456789").answer(DEADLINE);
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("still arriving");
        }
        assertThat(failures).hasValue(0);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aStreamedUploadThatPausesLongerThanTheBodyBudgetIs408() {
        CircuitBreaker breaker = breakers.circuitBreaker("analytics");
        AtomicInteger failures = failedCalls(breaker);
        // this streamed route waits 30 s for the service: the client's pause meets the 2 s body budget first
        try (RawHttp client = RawHttp.connect(port)) {
            RawHttp.Answer answer = client.send("POST /api/analytics/upload/x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + bearer(WRITER) + "\r\nContent-Length: 100\r\n\r\n0123456789").answer(DEADLINE);
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).contains("paused longer than the request-body budget of 2000 ms");
        }
        assertThat(failures).hasValue(0);
    }

    @Test
    void aStreamedBodyOverItsLimitIs413AndNotTheServicesFailure() {
        CircuitBreaker breaker = breakers.circuitBreaker("storage");
        AtomicInteger failures = failedCalls(breaker);
        // chunked, so the limit (4 KB on this route) is crossed while the body streams to the service
        String chunk = "x".repeat(1000);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append("3e8\r\n").append(chunk).append("\r\n");
        }
        try (RawHttp client = RawHttp.connect(port)) {
            RawHttp.Answer answer = client.send("POST /api/storage/echo/big/append HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + bearer(WRITER) + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body + "0\r\n\r\n")
                    .answer(DEADLINE);
            assertThat(answer.status()).isEqualTo(413);
        }
        assertThat(failures).hasValue(0);
    }

    @Test
    void aTruncatedChunkedBodyIsTheClientsError() {
        try (RawHttp client = RawHttp.connect(port)) {
            RawHttp.Answer answer = client.send("POST /api/storage/echo HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + bearer(WRITER) + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz-not-a-size\r\n\r\n").answer(DEADLINE);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        }
    }

    private static AtomicInteger recordedCalls(CircuitBreaker breaker) {
        AtomicInteger count = new AtomicInteger();
        breaker.getEventPublisher().onSuccess(e -> count.incrementAndGet()).onError(e -> count.incrementAndGet());
        return count;
    }

    private static AtomicInteger failedCalls(CircuitBreaker breaker) {
        AtomicInteger count = new AtomicInteger();
        breaker.getEventPublisher().onError(e -> count.incrementAndGet());
        return count;
    }
}

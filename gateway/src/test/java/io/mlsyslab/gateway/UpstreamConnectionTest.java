package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * What the gateway does with its connection to a service: sends a GET once more when the service closed the
 * connection before answering (and the breaker sees one successful call), never resends other methods, and closes
 * the connection when the client hangs up, so the service sees the disconnect. The training stub is a
 * {@link RawUpstream}.
 */
class UpstreamConnectionTest extends GatewayTestBase {

    @Autowired
    CircuitBreakerRegistry breakers;

    /** Several of these calls fail on purpose: the training breaker starts and ends each test empty. */
    @BeforeEach
    @AfterEach
    void emptyTheTrainingBreaker() {
        breakers.circuitBreaker("training").reset();
    }

    @Test
    void aGetWhoseConnectionClosedBeforeAnyAnswerIsSentOnceMoreAndCountsAsOneSuccess() {
        CircuitBreaker breaker = breakers.circuitBreaker("training");
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        breaker.getEventPublisher().onError(e -> failures.incrementAndGet()).onSuccess(e -> successes.incrementAndGet());
        String path = "/api/training/flaky/" + UUID.randomUUID();
        client().get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.attempt").isEqualTo(2);
        assertThat(UPSTREAMS.training.requests(path).count()).hasValue(2);
        assertThat(failures).hasValue(0);
        assertThat(successes).hasValue(1);
    }

    @Test
    void aPostWhoseConnectionClosedIsNotSentAgain() {
        String path = "/api/training/flaky/" + UUID.randomUUID();
        client().post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503);
        assertThat(UPSTREAMS.training.requests(path).count()).hasValue(1);
    }

    @Test
    void aClientHangingUpClosesTheServiceConnectionAndIsNotTheServicesFailure() throws InterruptedException {
        CircuitBreaker breaker = breakers.circuitBreaker("training");
        AtomicInteger failures = new AtomicInteger();
        breaker.getEventPublisher().onError(e -> failures.incrementAndGet());
        // a slow route: the gateway would wait 60 s for the answer
        String path = "/api/training/slow/" + UUID.randomUUID();
        RawUpstream.Requests requests = UPSTREAMS.training.requests(path);
        try (RawHttp client = RawHttp.connect(port)) {
            client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer(READER) + "\r\n\r\n");
            assertThat(requests.arrived().await(15, TimeUnit.SECONDS)).as("request reached the service").isTrue();
        }
        assertThat(requests.closedByGateway().await(15, TimeUnit.SECONDS))
                .as("service saw the connection closed long before the 60 s budget").isTrue();
        assertThat(failures).hasValue(0);
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("calls the breaker recorded").isZero();
    }

    @Test
    void theResponseStartBudgetRunningOutClosesTheServiceConnection() throws InterruptedException {
        String path = "/api/training/hung/" + UUID.randomUUID();
        client().get().uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isEqualTo(503);
        assertThat(UPSTREAMS.training.requests(path).closedByGateway().await(15, TimeUnit.SECONDS)).isTrue();
    }

}

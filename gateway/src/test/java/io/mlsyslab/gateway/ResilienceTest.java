package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** A stopped or hung service yields 503 problem+json, never 500 and never a hang; repeated failures open the breaker. */
class ResilienceTest extends GatewayTestBase {

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void stoppedServiceIs503Problem() {
        client().get().uri("/api/inference/models")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.detail").isEqualTo("Service 'inference' is not reachable")
                .jsonPath("$.instance").isEqualTo("/api/inference/models")
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void hungServiceIs503ProblemAfterTheResponseStartTimeout() {
        client().get().uri("/api/training/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Service 'training' did not start answering within 1000 ms");
    }

    @Test
    void slowRoutesWaitLongerWhileTheRestOfTheServiceKeepsTheShortTimeout() {
        client().get().uri("/api/analytics/compute/long/analysis")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.done").isEqualTo(true);
        client().get().uri("/api/analytics/compute/short")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Service 'analytics' did not start answering within 1000 ms");
    }

    @Test
    void repeatedFailuresOpenTheBreakerWhichThenRefusesWithoutCallingTheService() {
        CircuitBreaker breaker = breakers.circuitBreaker("network");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        List<String> details = new ArrayList<>();
        // window of 4 calls, all failing: the 4th failure opens it, the 5th call is refused by the breaker
        for (int i = 0; i < 5; i++) {
            EntityExchangeResult<byte[]> result = client().get().uri("/api/network/fabric")
                    .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult();
            details.add(new String(result.getResponseBodyContent()));
        }
        assertThat(details.subList(0, 4)).allMatch(d -> d.contains("is not reachable"));
        assertThat(details.get(4)).contains("circuit breaker is open");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
        client().get().uri("/api/network/fabric")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "60");
    }

    @Test
    void aServicesOwnClientErrorsAreAnswersNotFailures() {
        CircuitBreaker breaker = breakers.circuitBreaker("storage");
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger successes = new AtomicInteger();
        breaker.getEventPublisher().onError(e -> failures.incrementAndGet()).onSuccess(e -> successes.incrementAndGet());
        for (int i = 0; i < 5; i++) {
            client().get().uri("/api/storage/problem")
                    .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                    .exchange()
                    .expectStatus().isEqualTo(409);
        }
        assertThat(failures).hasValue(0);
        assertThat(successes).hasValue(5);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void healthyServiceKeepsItsBreakerClosed() {
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk();
        CircuitBreaker breaker = breakers.circuitBreaker("storage");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isPositive();
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }
}

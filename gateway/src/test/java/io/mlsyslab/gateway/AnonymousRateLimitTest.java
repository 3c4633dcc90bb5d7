package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * Callers without a valid key spend the bucket of their address (500 here, no refill to speak of), so a flood of
 * 401s ends in 429s; each answer says where the caller stands. Raw sockets from other loopback addresses (127.0.0.x)
 * play clients on other machines.
 */
class AnonymousRateLimitTest extends GatewayTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void aFloodWithoutAValidKeyIsLimitedPerAddressWhileKeysAndOtherAddressesAreNot() {
        String flooder = "127.0.0.23";
        for (int remaining = 499; remaining >= 0; remaining--) {
            String key = remaining % 2 == 0 ? "Authorization: Bearer wrong-secret\r\n" : "";
            RawHttp.Answer answer = get(flooder, "/api/storage/echo", key);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("X-RateLimit-Limit")).isEqualTo("500");
            assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
        }
        RawHttp.Answer limited = get(flooder, "/api/storage/echo", "");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.body()).contains("without a valid key from 127.0.0.23");
        // the public surface is anonymous too
        assertThat(get(flooder, "/actuator/health/liveness", "").status()).isEqualTo(429);

        // a valid key from the same address has its own bucket; another address has its own
        RawHttp.Answer keyed = get(flooder, "/api/storage/echo", "Authorization: " + bearer(READER) + "\r\n");
        assertThat(keyed.status()).isEqualTo(200);
        assertThat(keyed.header("X-RateLimit-Limit")).isEqualTo("10000");
        assertThat(get("127.0.0.24", "/api/storage/echo", "").status()).isEqualTo(401);
    }

    @Test
    void proxiedAnswersAndTheGatewaysOwnAnswersCarryTheRateLimitHeaders() {
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", "10000")
                .expectHeader().exists("X-RateLimit-Remaining");
        client().get().uri("/api/nosuchservice/x")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-RateLimit-Limit", "10000")
                .expectHeader().exists("X-RateLimit-Remaining");
    }

    private RawHttp.Answer get(String fromAddress, String path, String extraHeaders) {
        try (RawHttp client = RawHttp.connect(port, fromAddress)) {
            return client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n")
                    .answer(DEADLINE);
        }
    }
}

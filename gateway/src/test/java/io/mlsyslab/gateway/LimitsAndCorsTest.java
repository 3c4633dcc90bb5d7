package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

class LimitsAndCorsTest extends GatewayTestBase {

    @Test
    void perKeyBucketAllowsItsBurstThenAnswers429WithRetryAfter() {
        for (int i = 2; i >= 0; i--) {
            client().get().uri("/api/storage/echo")
                    .header(HttpHeaders.AUTHORIZATION, bearer(LIMITED))
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", Integer.toString(i));
        }
        // refill is 0.001 tokens/s: the missing token takes ~1000 s
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(LIMITED))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(990L, 1000L))
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.title").isEqualTo("Too Many Requests")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("dave"));
        // buckets are per key: another key is unaffected
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void declaredOversizedBodyIs413BeforeReachingTheService() {
        client().post().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[1025])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("1024 bytes"));
    }

    @Test
    void bodyAtTheLimitPasses() {
        client().post().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[1024])
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.bodyBytes").isEqualTo(1024);
    }

    @Test
    void aRouteWithItsOwnBodyLimitAcceptsMoreAndStillCapsIt() {
        client().post().uri("/api/storage/echo/big/append")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[4096])
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.bodyBytes").isEqualTo(4096);
        client().post().uri("/api/storage/echo/big/append")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[4097])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("4096 bytes"));
        Flux<DataBuffer> chunks = Flux.range(0, 4).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap("x".repeat(700).getBytes(StandardCharsets.US_ASCII)));
        client().post().uri("/api/storage/echo/big/append")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void chunkedOversizedBodyIs413() {
        Flux<DataBuffer> chunks = Flux.range(0, 8).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap("x".repeat(200).getBytes(StandardCharsets.US_ASCII)));
        client().post().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredWithoutAKey() {
        client().options().uri("/api/storage/echo")
                .header(HttpHeaders.ORIGIN, "https://ui.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://ui.example")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, v -> assertThat(v).contains("POST"));
    }

    @Test
    void actualCorsRequestExposesTheRequestId() {
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.ORIGIN, "https://ui.example")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://ui.example")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, v -> assertThat(v).contains("X-Request-Id"));
    }

    @Test
    void otherOriginsAreRefusedWithProblem() {
        client().method(HttpMethod.OPTIONS).uri("/api/storage/echo")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}

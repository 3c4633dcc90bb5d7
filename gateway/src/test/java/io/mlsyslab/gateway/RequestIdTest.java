package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdTest extends GatewayTestBase {

    @Test
    void clientIdIsForwardedEchoedAndLogged(CapturedOutput output) {
        String id = "req-" + UUID.randomUUID();
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .header("X-Request-Id", id)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", id)
                .expectBody().jsonPath("$.headers['X-Request-Id']").isEqualTo(id);
        // the line is written when the exchange ends, which may be just after the client has its answer
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[" + id + "\\].*GET /api/storage/echo 200 \\d+ms key=alice"));
    }

    @Test
    void missingIdIsGeneratedAsUuidAndForwarded() {
        EntityExchangeResult<byte[]> result = client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();
        String id = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(new String(result.getResponseBodyContent())).contains("\"X-Request-Id\":\"" + id + "\"");
    }

    @Test
    void unsafeIdIsReplaced() {
        String id = client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .header("X-Request-Id", "bad id with spaces and ${jndi}")
                .exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void gatewayErrorsCarryTheSameIdInHeaderAndBody() {
        client().get().uri("/api/storage/echo")
                .header("X-Request-Id", "abc-123")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "abc-123")
                .expectBody().jsonPath("$.requestId").isEqualTo("abc-123");
    }
}

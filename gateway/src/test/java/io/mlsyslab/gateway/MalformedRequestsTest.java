package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error the gateway makes is problem+json with a request id, including those the HTTP decoder makes before
 * there is an exchange (Reactor Netty's own answers have an empty body) and paths that would mean one thing here and
 * another at the service (never 500).
 */
class MalformedRequestsTest extends GatewayTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void anOverLongRequestLineIs414Problem() {
        assertProblem(raw("GET /api/storage/" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414);
    }

    @Test
    void overLargeHeadersAre431Problem() {
        assertProblem(raw("GET /api/storage/echo HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(20_000)
                + "\r\n\r\n"), 431);
    }

    @Test
    void aRequestTheDecoderCannotParseIs400Problem() {
        assertProblem(raw("GET /api/storage/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n"), 400);
    }

    @Test
    void aMalformedPercentEncodingIs400Problem() {
        assertProblem(raw("GET /api/storage/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/..%2Fenv", "/actuator/health/%2e%2e/env", "/api/storage/echo/..%2F..%2Fx",
            "/api/storage/echo/%5C..%5Cx", "/api/storage/..;/echo", "/api/storage/echo/%00", "/api/storage/./echo"})
    void pathsThatHideSlashesOrDotSegmentsAre400Problem(String path) {
        RawHttp.Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer(READER)
                + "\r\n\r\n");
        assertProblem(answer, 400);
        assertThat(answer.body()).contains("\"instance\":\"" + path + "\"");
    }

    private RawHttp.Answer raw(String request) {
        try (RawHttp client = RawHttp.connect(port)) {
            return client.send(request).answer(DEADLINE);
        }
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        assertThat(answer.body()).contains("\"status\":" + status).contains("\"requestId\":\"" + answer.header("X-Request-Id"));
    }
}

package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.contract.signing.SignatureVerifier;
import io.mlsyslab.contract.signing.SignedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway signs the principal it forwards, so a service can tell it from a forgery: the stub service checks
 * each forwarded request with platform-api's verifier, exactly as a real service does, over the target it received.
 */
class SignedPrincipalTest extends GatewayTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SignatureVerifier SERVICE_SIDE = new SignatureVerifier(new RequestSigner(SIGNING_SECRET),
            Duration.ofSeconds(60), Clock.systemUTC());

    @Test
    void aForwardedRequestCarriesAValidSignatureOverWhatTheServiceReceived() {
        JsonNode seen = echo(HttpMethod.GET, "/api/storage/echo/caf%C3%A9?q=a%20b&x=1", READER, null);
        assertThat(seen.path("uri").asString()).isEqualTo("/api/storage/echo/caf%C3%A9?q=a%20b&x=1");
        assertThat(verify(seen).valid()).as(verify(seen).reason()).isTrue();
        assertThat(seen.path("headers").path("X-Lab-Signature").asString()).matches("v1=[0-9a-f]{64}");
        long signedAt = Long.parseLong(seen.path("headers").path("X-Lab-Signed-At").asString());
        assertThat(Math.abs(Instant.now().getEpochSecond() - signedAt)).isLessThanOrEqualTo(5);

        JsonNode written = echo(HttpMethod.POST, "/api/storage/echo/sequences", WRITER, null);
        assertThat(written.path("headers").path("X-Lab-Principal").asString()).isEqualTo("bob");
        assertThat(verify(written).valid()).isTrue();
    }

    @Test
    void theSignatureCoversPrincipalRoleMethodAndTarget() {
        JsonNode seen = echo(HttpMethod.DELETE, "/api/storage/echo/7", ADMIN, null);
        JsonNode headers = seen.path("headers");
        String at = headers.path("X-Lab-Signed-At").asString();
        String signature = headers.path("X-Lab-Signature").asString();
        assertThat(SERVICE_SIDE.verify("mallory", "admin", "DELETE", "/api/storage/echo/7", at, signature).valid())
                .isFalse();
        assertThat(SERVICE_SIDE.verify("carol", "admin", "GET", "/api/storage/echo/7", at, signature).valid())
                .isFalse();
        assertThat(SERVICE_SIDE.verify("carol", "admin", "DELETE", "/api/storage/echo/8", at, signature).valid())
                .isFalse();
        assertThat(SERVICE_SIDE.verify("carol", "admin", "DELETE", "/api/storage/echo/7", at, signature).valid())
                .isTrue();
    }

    @Test
    void clientSentSignatureHeadersNeverReachAService() {
        String forged = "v1=" + "0".repeat(64);
        JsonNode seen = echo(HttpMethod.GET, "/api/storage/echo", READER, forged);
        assertThat(seen.path("headers").path("X-Lab-Signature").asString()).isNotEqualTo(forged);
        assertThat(seen.path("headers").path("X-Lab-Signed-At").asString()).isNotEqualTo("1");
        assertThat(seen.path("headers").path("X-Lab-Principal").asString()).isEqualTo("alice");
        assertThat(verify(seen).valid()).isTrue();

        // public routes forward none of them, whatever the client sent
        client().get().uri("/docs/api/analytics")
                .header("X-Lab-Principal", "mallory").header("X-Lab-Role", "admin")
                .header("X-Lab-Signature", forged).header("X-Lab-Signed-At", "1")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$['x-received-lab-headers']").isEmpty();
    }

    private JsonNode echo(HttpMethod method, String uri, String secret, String forgedSignature) {
        byte[] body = client().method(method).uri(URI.create("http://localhost:" + port + uri))
                .header(HttpHeaders.AUTHORIZATION, bearer(secret))
                .headers(h -> {
                    if (forgedSignature != null) {
                        h.set("X-Lab-Signature", forgedSignature);
                        h.set("X-Lab-Signed-At", "1");
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static SignatureVerifier.Verification verify(JsonNode seen) {
        URI received = URI.create(seen.path("uri").asString());
        JsonNode headers = seen.path("headers");
        return SERVICE_SIDE.verify(headers.path("X-Lab-Principal").asString(null),
                headers.path("X-Lab-Role").asString(null), seen.path("method").asString(),
                SignedRequest.target(received.getRawPath(), received.getRawQuery()),
                headers.path("X-Lab-Signed-At").asString(null), headers.path("X-Lab-Signature").asString(null));
    }
}

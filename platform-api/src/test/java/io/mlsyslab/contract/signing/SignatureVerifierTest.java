package io.mlsyslab.contract.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.contract.RunHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signature made by {@link RequestSigner} passes {@link SignatureVerifier} exactly when nothing it covers changed. */
class SignatureVerifierTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final long NOW = 1_760_000_000L;
    private static final RequestSigner SIGNER = new RequestSigner(SECRET);
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(SIGNER, Duration.ofSeconds(60),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    private static final SignedRequest REQUEST = new SignedRequest("alice", "writer", "POST",
            "/api/training/runs/1/cancel?x=%2F", NOW);
    private static final String SIGNATURE = SIGNER.signature(REQUEST);

    @Test
    void aGoodSignatureIsAccepted() {
        assertThat(verify("alice", "writer", "POST", "/api/training/runs/1/cancel?x=%2F", NOW, SIGNATURE).valid())
                .isTrue();
        assertThat(SIGNATURE).matches("v1=[0-9a-f]{64}");
    }

    @Test
    void theSignatureIsTheDocumentedHmac() {
        // computed independently: python3 -c "import hmac,hashlib; print(hmac.new(SECRET, b'v1\\nalice\\nwriter\\n
        // POST\\n/api/training/runs/1/cancel?x=%2F\\n1760000000', hashlib.sha256).hexdigest())"
        assertThat(SIGNATURE).isEqualTo("v1=b6486b014b17f075bebcb60a402a65447f60b9d61879e22f20bba49dbfb25cca");
    }

    @Test
    void theHeadersCarryWhatWasSigned() {
        Map<String, String> headers = SIGNER.headers(REQUEST);
        assertThat(headers).containsEntry(RunHeaders.PRINCIPAL, "alice").containsEntry(RunHeaders.ROLE, "writer")
                .containsEntry(RunHeaders.SIGNED_AT, Long.toString(NOW)).containsEntry(RunHeaders.SIGNATURE, SIGNATURE);
    }

    @Test
    void changingAnythingSignedBreaksTheSignature() {
        assertThat(verify("mallory", "writer", "POST", "/api/training/runs/1/cancel?x=%2F", NOW, SIGNATURE).valid())
                .as("principal").isFalse();
        assertThat(verify("alice", "admin", "POST", "/api/training/runs/1/cancel?x=%2F", NOW, SIGNATURE).valid())
                .as("role").isFalse();
        assertThat(verify("alice", null, "POST", "/api/training/runs/1/cancel?x=%2F", NOW, SIGNATURE).valid())
                .as("role dropped").isFalse();
        assertThat(verify("alice", "writer", "DELETE", "/api/training/runs/1/cancel?x=%2F", NOW, SIGNATURE).valid())
                .as("method").isFalse();
        assertThat(verify("alice", "writer", "POST", "/api/training/runs/2/cancel?x=%2F", NOW, SIGNATURE).valid())
                .as("path").isFalse();
        assertThat(verify("alice", "writer", "POST", "/api/training/runs/1/cancel?x=/", NOW, SIGNATURE).valid())
                .as("query decoded").isFalse();
        assertThat(verify("alice", "writer", "POST", "/api/training/runs/1/cancel?x=%2F", NOW - 1, SIGNATURE).valid())
                .as("timestamp").isFalse();
        String flipped = SIGNATURE.substring(0, SIGNATURE.length() - 1) + (SIGNATURE.endsWith("0") ? "1" : "0");
        assertThat(verify("alice", "writer", "POST", "/api/training/runs/1/cancel?x=%2F", NOW, flipped).valid())
                .as("signature").isFalse();
    }

    @Test
    void aSignatureUnderAnotherSecretIsRejected() {
        String other = new RequestSigner(SECRET + "-other").signature(REQUEST);
        assertThat(verify("alice", "writer", "POST", "/api/training/runs/1/cancel?x=%2F", NOW, other).reason())
                .isEqualTo("the signature does not match the request");
    }

    @Test
    void staleAndFutureSignaturesAreRejectedOutsideTheSkewWindow() {
        for (long at : new long[] {NOW - 61, NOW + 61}) {
            SignedRequest request = new SignedRequest("alice", "writer", "GET", "/x", at);
            SignatureVerifier.Verification result = verify("alice", "writer", "GET", "/x", at,
                    SIGNER.signature(request));
            assertThat(result.valid()).as("signed at " + at).isFalse();
            assertThat(result.reason()).contains("stale").contains("61 s");
        }
        for (long at : new long[] {NOW - 60, NOW + 60}) {
            SignedRequest request = new SignedRequest("alice", "writer", "GET", "/x", at);
            assertThat(verify("alice", "writer", "GET", "/x", at, SIGNER.signature(request)).valid())
                    .as("signed at " + at).isTrue();
        }
    }

    @Test
    void missingOrMalformedHeadersAreRejected() {
        assertThat(VERIFIER.verify("alice", "writer", "GET", "/x", Long.toString(NOW), null).reason())
                .contains("no principal signature");
        assertThat(VERIFIER.verify(null, "writer", "GET", "/x", Long.toString(NOW), SIGNATURE).reason())
                .contains("names no principal");
        assertThat(VERIFIER.verify("alice", "writer", "GET", "/x", null, SIGNATURE).reason()).contains("epoch seconds");
        assertThat(VERIFIER.verify("alice", "writer", "GET", "/x", "soon", SIGNATURE).reason())
                .contains("epoch seconds");
        assertThat(VERIFIER.verify("alice\nadmin", "writer", "GET", "/x", Long.toString(NOW), SIGNATURE).valid())
                .isFalse();
    }

    @Test
    void theTargetTreatsAnEmptyQueryAsNone() {
        assertThat(SignedRequest.target("/a/b", null)).isEqualTo("/a/b");
        assertThat(SignedRequest.target("/a/b", "")).isEqualTo("/a/b");
        assertThat(SignedRequest.target("/a/b", "x=1&y=%20")).isEqualTo("/a/b?x=1&y=%20");
        assertThat(SignedRequest.target("", null)).isEqualTo("/");
    }

    @Test
    void shortSecretsAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> new RequestSigner("short-secret")).hasMessageNotContaining("short-secret")
                .hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> new RequestSigner(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SIGNER.toString()).doesNotContain(SECRET);
    }

    private static SignatureVerifier.Verification verify(String principal, String role, String method, String target,
            long signedAt, String signature) {
        return VERIFIER.verify(principal, role, method, target, Long.toString(signedAt), signature);
    }
}

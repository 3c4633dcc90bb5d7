package io.mlsyslab.platform.test;

import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.contract.signing.SignedRequest;
import io.mlsyslab.platform.security.ServiceCallSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Principal signatures in tests that call a service directly, as the gateway would: every
 * {@link PostgresIntegrationTest} gives its service {@link #SECRET}, and {@link HttpJson} signs each request with it
 * (as {@link #ADMIN} unless told otherwise). Production is untouched: the secret lives in the test-jar only.
 */
public final class TestSigning {

    /** The signing secret of every service under test; known to everyone, so never a deployment's. */
    public static final String SECRET = "mlsys-lab-test-signing-secret-not-for-any-deployment";

    /** The principal {@link HttpJson} signs as by default: an admin, so existing tests keep every right. */
    public static final String ADMIN = "test-admin";

    private static final RequestSigner SIGNER = new RequestSigner(SECRET);

    private TestSigning() {}

    /** Gives the service under test {@link #SECRET}. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("mlsyslab.security.signing-secret", () -> SECRET);
    }

    /** The headers that sign {@code method uri} as {@code principal} with {@code role}, signed now. */
    public static Map<String, String> headers(String principal, String role, String method, URI uri) {
        return headers(principal, role, method, uri, Instant.now().getEpochSecond());
    }

    /** The headers that sign {@code method uri} as {@link #ADMIN}; fits a per-call header hook as a method reference. */
    public static Map<String, String> adminHeaders(String method, URI uri) {
        return headers(ADMIN, "admin", method, uri);
    }

    /** The same, signed at {@code epochSeconds} (a stale or future signature). */
    public static Map<String, String> headers(String principal, String role, String method, URI uri,
            long epochSeconds) {
        return SIGNER.headers(new SignedRequest(principal, role, method,
                SignedRequest.target(uri.getRawPath(), uri.getRawQuery()), epochSeconds));
    }

    /** The headers that sign a request target written as sent (raw, possibly not a valid URI), signed now. */
    public static Map<String, String> headersForTarget(String principal, String role, String method, String target) {
        return SIGNER.headers(new SignedRequest(principal, role, method, target, Instant.now().getEpochSecond()));
    }

    /** Signs calls as service {@code name}, e.g. for a storage KV client in a test. */
    public static ServiceCallSigner asService(String name) {
        return new ServiceCallSigner(name, SIGNER, Clock.systemUTC());
    }

    /** Environment that gives a service started as a child process {@link #SECRET}. */
    public static Map<String, String> childEnvironment() {
        return Map.of("LAB_SIGNING_SECRET", SECRET);
    }
}

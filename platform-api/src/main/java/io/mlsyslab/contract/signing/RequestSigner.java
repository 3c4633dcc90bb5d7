package io.mlsyslab.contract.signing;

import io.mlsyslab.contract.RunHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a {@link SignedRequest} with HMAC-SHA256 under the platform's shared secret: the gateway for the caller it
 * authenticated, each service for its own calls to another. The one place the signature is computed; the
 * {@link SignatureVerifier} recomputes it here. The secret never leaves this object ({@link #toString} hides it).
 */
public final class RequestSigner {

    /** Shortest secret accepted: 32 characters, e.g. the 64 hex digits of {@code openssl rand -hex 32}. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public RequestSigner(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            // the message never quotes the value
            throw new IllegalArgumentException("the signing secret must be at least " + MIN_SECRET_LENGTH
                    + " characters long");
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value: {@code v1=} and the lower-case hex HMAC-SHA256 of the request's canonical text. */
    public String signature(SignedRequest request) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac instances are not thread-safe: one per call
            mac.init(key);
            byte[] digest = mac.doFinal(request.canonical().getBytes(StandardCharsets.UTF_8));
            return SignedRequest.VERSION + "=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * The headers that carry {@code request}: {@link RunHeaders#PRINCIPAL}, {@link RunHeaders#ROLE} (when the role
     * is not null), {@link RunHeaders#SIGNED_AT} and {@link RunHeaders#SIGNATURE}.
     */
    public Map<String, String> headers(SignedRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RunHeaders.PRINCIPAL, request.principal());
        if (request.role() != null) {
            headers.put(RunHeaders.ROLE, request.role());
        }
        headers.put(RunHeaders.SIGNED_AT, Long.toString(request.signedAt()));
        headers.put(RunHeaders.SIGNATURE, signature(request));
        return headers;
    }

    @Override
    public String toString() {
        return "RequestSigner[HmacSHA256, secret hidden]";
    }
}

package io.mlsyslab.contract.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks the principal signature a service receives: present, signed within {@code maxSkew} of this clock (either
 * way, so a replayed request expires and clocks may differ a little), and equal, in constant time, to the one
 * {@link RequestSigner} computes for the same principal, role, method and target.
 */
public final class SignatureVerifier {

    /** The outcome; {@code reason} says what was wrong (never the expected signature) and is null when valid. */
    public record Verification(boolean valid, String reason) {
        static final Verification VALID = new Verification(true, null);

        static Verification rejected(String reason) {
            return new Verification(false, reason);
        }
    }

    private final RequestSigner signer;
    private final Duration maxSkew;
    private final Clock clock;

    public SignatureVerifier(RequestSigner signer, Duration maxSkew, Clock clock) {
        this.signer = signer;
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    /**
     * @param principal the {@code X-Lab-Principal} header as received (may be null)
     * @param role      the {@code X-Lab-Role} header (may be null)
     * @param method    the request's method
     * @param target    {@link SignedRequest#target} of the request as this server received it
     * @param signedAt  the {@code X-Lab-Signed-At} header (may be null)
     * @param signature the {@code X-Lab-Signature} header (may be null)
     */
    public Verification verify(String principal, String role, String method, String target, String signedAt,
            String signature) {
        if (signature == null || signature.isBlank()) {
            return Verification.rejected("the request carries no principal signature (X-Lab-Signature): call this"
                    + " service through the gateway");
        }
        if (principal == null || principal.isBlank()) {
            return Verification.rejected("the signed request names no principal (X-Lab-Principal)");
        }
        long at;
        try {
            at = Long.parseLong(signedAt == null ? "" : signedAt.strip());
        } catch (NumberFormatException e) {
            return Verification.rejected("X-Lab-Signed-At must be epoch seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - at);
        if (skew > maxSkew.toSeconds()) {
            return Verification.rejected("the signature is stale: signed " + skew + " s away from this service's"
                    + " clock, at most " + maxSkew.toSeconds() + " s allowed");
        }
        SignedRequest request;
        try {
            request = new SignedRequest(principal, role, method, target, at);
        } catch (IllegalArgumentException e) {
            return Verification.rejected("the signature does not match the request");
        }
        byte[] expected = signer.signature(request).getBytes(StandardCharsets.UTF_8);
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        // constant time: how much of a guess is right must not show in how long the answer takes
        return MessageDigest.isEqual(expected, given) ? Verification.VALID
                : Verification.rejected("the signature does not match the request");
    }
}

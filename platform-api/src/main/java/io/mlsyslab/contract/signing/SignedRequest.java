package io.mlsyslab.contract.signing;

import java.util.Objects;

/**
 * What a principal signature covers: who is calling (principal and role), what they ask for (method and raw request
 * target) and when the caller signed it. The body is not covered: the signature proves who sent the request line,
 * transport security (loopback, NetworkPolicy, TLS) protects the rest.
 *
 * @param principal the API key name the gateway authenticated, or {@code service:<name>} for a service's own call
 * @param role      {@code reader}, {@code writer}, {@code admin} or {@code service}; may be null (signed as empty)
 * @param method    the HTTP method in upper case
 * @param target    raw (still percent-encoded) path plus {@code ?query} when there is one, see {@link #target}
 * @param signedAt  epoch seconds at signing
 */
public record SignedRequest(String principal, String role, String method, String target, long signedAt) {

    /** Version tag at the start of the signed text and of the header value, so the scheme can change later. */
    public static final String VERSION = "v1";

    public SignedRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        // fields are joined by newlines; a field holding one could shift the others
        for (String field : new String[] {principal, role, method, target}) {
            if (field != null && (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0)) {
                throw new IllegalArgumentException("a signed field may not contain a line break");
            }
        }
    }

    /**
     * The request target both sides sign: the raw path and, when the query is not empty, {@code ?} and the raw query.
     * An empty query ({@code /x?}) counts as none, because clients and servers disagree on whether it exists.
     */
    public static String target(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    /** The text the HMAC is computed over: one field per line, after the version tag. */
    String canonical() {
        return VERSION + "\n" + principal + "\n" + (role == null ? "" : role) + "\n" + method + "\n" + target + "\n"
                + signedAt;
    }
}

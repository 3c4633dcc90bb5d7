package io.mlsyslab.platform.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent the request being served, as {@link SignedCallerFilter} verified it; the only source of a caller's
 * identity in a service (never the raw {@code X-Lab-Principal} header).
 *
 * @param principal the API key name, {@code service:<name>} for another service, or null when not known
 * @param role      {@code reader}, {@code writer}, {@code admin}, {@code service}, or null
 */
public record Caller(String principal, String role) {

    /** Request attribute under which {@link SignedCallerFilter} leaves the verified caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public static final String ADMIN = "admin";

    /**
     * An unsigned request that {@code mlsyslab.security.allow-unsigned} lets in: nobody in particular, with every
     * right, exactly as services behaved before signatures (tests and single-user set-ups only).
     */
    public static final Caller UNSIGNED = new Caller(null, ADMIN);

    /** A request that passed no verification (an exempt path): no identity and no rights. */
    public static final Caller NOBODY = new Caller(null, null);

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /** The verified caller of {@code request}, {@link #NOBODY} when the filter did not vouch for one. */
    public static Caller of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? caller : NOBODY;
    }
}

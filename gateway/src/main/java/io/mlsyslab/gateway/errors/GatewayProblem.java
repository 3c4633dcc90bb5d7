package io.mlsyslab.gateway.errors;

import java.util.Map;

/**
 * An error the gateway answers itself, rendered as RFC 9457 problem+json by {@link ProblemExceptionHandler}.
 * Filters signal it with {@code Mono.error(...)} so that one place decides how every gateway error looks.
 */
public final class GatewayProblem extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public GatewayProblem(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public GatewayProblem(int status, String detail) {
        this(status, detail, Map.of());
    }

    public static GatewayProblem unauthorized(String detail) {
        return new GatewayProblem(401, detail, Map.of("WWW-Authenticate", "Bearer realm=\"mlsys-lab\""));
    }

    public static GatewayProblem forbidden(String detail) {
        return new GatewayProblem(403, detail);
    }

    public static GatewayProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new GatewayProblem(429, detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static GatewayProblem payloadTooLarge(String detail) {
        return new GatewayProblem(413, detail);
    }

    public static GatewayProblem serviceUnavailable(String detail) {
        return new GatewayProblem(503, detail);
    }

    public int status() {
        return status;
    }

    /** Headers that belong to the answer, e.g. Retry-After or WWW-Authenticate. */
    public Map<String, String> headers() {
        return headers;
    }
}

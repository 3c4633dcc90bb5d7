package io.mlsyslab.inference.api;

/**
 * An error in OpenAI's shape ({@code {"error": {"message", "type", "param", "code"}}}), served inside an RFC 9457
 * problem body with the matching status.
 */
public class OpenAiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Integer retryAfterSeconds;

    public OpenAiException(int status, String type, String param, String code, String message,
                           Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static OpenAiException invalid(String param, String message) {
        return new OpenAiException(400, "invalid_request_error", param, null, message, null);
    }

    public static OpenAiException modelNotFound(String model) {
        return new OpenAiException(404, "invalid_request_error", "model", "model_not_found",
                "The model '" + printable(model) + "' does not exist", null);
    }

    /** A client-sent name as it can be shown back in an error: no control characters, at most 64 code points. */
    static String printable(String name) {
        String clean = name.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(65)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.codePointCount(0, clean.length()) > 64
                ? clean.substring(0, clean.offsetByCodePoints(0, 64)) + "…" : clean;
    }

    public static OpenAiException overloaded(String message, int retryAfterSeconds) {
        return new OpenAiException(429, "rate_limit_error", null, "engine_overloaded", message, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

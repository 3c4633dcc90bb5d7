package io.mlsyslab.platform.errors;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client-caused failure rendered as RFC 9457 {@code application/problem+json}. Throw it from adapters
 * (controllers, run kinds' param checks); engines stay free of it and throw {@link IllegalArgumentException},
 * which the handler answers with 422.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> properties;

    public ProblemException(int status, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    /** 400: a field is syntactically wrong or missing. */
    public static ProblemException badField(String field, String message) {
        return withField(400, "Invalid request", field, message);
    }

    /** 400: several fields are wrong; {@code fieldMessages} maps each field path to what is wrong with it. */
    public static ProblemException badFields(Map<String, String> fieldMessages) {
        List<Map<String, String>> errors = fieldMessages.entrySet().stream()
                .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
                .toList();
        String detail = fieldMessages.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        return new ProblemException(400, "Invalid request", detail, Map.of("errors", errors));
    }

    /** 422: well-formed but not computable (e.g. more spines than ports). */
    public static ProblemException unprocessable(String field, String message) {
        return withField(422, "Unprocessable parameters", field, message);
    }

    /** 413: the request asks for more than the configured limit. */
    public static ProblemException tooLarge(String field, String message) {
        return withField(413, "Request too large", field, message);
    }

    /**
     * The problem for typed field errors: status from the {@link FieldErrorException.Reason}, one
     * {@code errors[]} entry per {@link FieldError}, nothing parsed from text.
     */
    public static ProblemException of(FieldErrorException e) {
        return fields(e.reason().status(), e.errors());
    }

    /** A 400, 413 or 422 problem naming each of {@code errors}. */
    public static ProblemException fields(int status, List<FieldError> errors) {
        String title = switch (status) {
            case 413 -> "Request too large";
            case 422 -> "Unprocessable parameters";
            default -> "Invalid request";
        };
        List<Map<String, String>> body = errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message()))
                .toList();
        String detail = errors.stream().map(FieldError::toString)
                .collect(java.util.stream.Collectors.joining("; "));
        return new ProblemException(status, title, detail, Map.of("errors", body));
    }

    public static ProblemException notFound(String message) {
        return new ProblemException(404, "Not found", message, Map.of());
    }

    public static ProblemException conflict(String message) {
        return new ProblemException(409, "Conflict", message, Map.of());
    }

    private static ProblemException withField(int status, String title, String field, String message) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("errors", List.of(Map.of("field", field, "message", message)));
        return new ProblemException(status, title, field + ": " + message, props);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}

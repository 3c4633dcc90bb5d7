package io.mlsyslab.contract;

import java.util.Objects;

/**
 * What is wrong with one field of a request: its path as the client wrote it ({@code fabricSizes[0]},
 * {@code traffic.schedule.events}) and a message for a person. Engines and params records throw these inside a
 * {@link FieldErrorException}; the platform renders them as the {@code errors[]} of an RFC 9457 problem.
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        if (field.isBlank()) {
            throw new IllegalStateException("a field error names its field");
        }
        message = message == null ? "invalid" : message;
    }

    /** This error seen from an enclosing object: {@code prefixed("params")} turns {@code d} into {@code params.d}. */
    public FieldError prefixed(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String joined = field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new FieldError(joined, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}

package io.mlsyslab.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request refused because of named fields, carried as typed {@link FieldError}s so that no layer has to parse
 * exception text. It is an {@link IllegalArgumentException} whose message keeps the older {@code "field: message"}
 * form, so code that catches or asserts on {@code IllegalArgumentException} keeps working.
 *
 * <p>{@link Reason} says how the platform answers: {@code INVALID} 400 (malformed or out of range),
 * {@code UNPROCESSABLE} 422 (well-formed but not computable, the default), {@code TOO_LARGE} 413 (over a size or
 * work budget).
 */
public class FieldErrorException extends IllegalArgumentException {

    /** Why the fields are refused, and so the HTTP status of the problem. */
    public enum Reason {
        INVALID(400), UNPROCESSABLE(422), TOO_LARGE(413);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final List<FieldError> errors;

    /** An unprocessable value of {@code field} (422): the engine convention, typed. */
    public FieldErrorException(String field, String message) {
        this(Reason.UNPROCESSABLE, List.of(new FieldError(field, message)));
    }

    /** An unprocessable value of {@code field} (422) found while handling {@code cause}. */
    public FieldErrorException(String field, String message, Throwable cause) {
        this(Reason.UNPROCESSABLE, List.of(new FieldError(field, message)), cause);
    }

    public FieldErrorException(Reason reason, List<FieldError> errors) {
        this(reason, errors, null);
    }

    public FieldErrorException(Reason reason, List<FieldError> errors, Throwable cause) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), cause);
        if (errors.isEmpty()) {
            throw new IllegalStateException("a field error exception names at least one field");
        }
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    /** 400: malformed or out of range. */
    public static FieldErrorException invalid(String field, String message) {
        return new FieldErrorException(Reason.INVALID, List.of(new FieldError(field, message)));
    }

    /** 422: well-formed but not computable (e.g. more failures than leaves). */
    public static FieldErrorException unprocessable(String field, String message) {
        return new FieldErrorException(Reason.UNPROCESSABLE, List.of(new FieldError(field, message)));
    }

    /** 413: over a size or work budget. */
    public static FieldErrorException tooLarge(String field, String message) {
        return new FieldErrorException(Reason.TOO_LARGE, List.of(new FieldError(field, message)));
    }

    public Reason reason() {
        return reason;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The same errors under an enclosing object: {@code prefixed("fabric")} turns {@code k} into {@code fabric.k}. */
    public FieldErrorException prefixed(String prefix) {
        FieldErrorException out = new FieldErrorException(reason, errors.stream().map(e -> e.prefixed(prefix)).toList(),
                getCause());
        out.setStackTrace(getStackTrace());
        return out;
    }

    /** The same fields answered with another status (e.g. a params record's range check is a 400). */
    public FieldErrorException withReason(Reason other) {
        FieldErrorException out = new FieldErrorException(other, errors, getCause());
        out.setStackTrace(getStackTrace());
        return out;
    }
}

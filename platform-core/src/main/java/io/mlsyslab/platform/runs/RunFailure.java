package io.mlsyslab.platform.runs;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code error} of a failed run as its client reads it: a type from a small vocabulary and the run kind's own
 * words, never a Java class name (the exception itself is logged with the run id). A kind's typed field errors keep
 * their fields.
 */
final class RunFailure {

    /** A kind refused values of its params while running ({@link FieldErrorException}). */
    static final String INVALID_PARAMS = "InvalidParams";
    /** The kind gave up with a message of its own ({@link IllegalArgumentException}, {@link IllegalStateException}). */
    static final String FAILED = "Failed";
    /** Anything else: a bug or a resource failure, whose text would only show internals. */
    static final String INTERNAL = "InternalError";

    /** Text that reads like the JVM's or a library's, not a kind's: a qualified name or an exception's name. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jdk|sun|tools\\.jackson|com\\.fasterxml|org|io\\.mlsyslab)\\.[\\w$]+|\\w*Exception\\b");

    private RunFailure() {
    }

    static ObjectNode describe(Throwable e, JsonMapper json) {
        ObjectNode node = json.createObjectNode();
        if (e instanceof FieldErrorException typed) {
            node.put("type", INVALID_PARAMS);
            node.put("message", readable(typed.getMessage()));
            ArrayNode errors = node.putArray("errors");
            for (FieldError error : typed.errors()) {
                errors.addObject().put("field", error.field()).put("message", readable(error.message()));
            }
        } else if ((e instanceof IllegalArgumentException || e instanceof IllegalStateException)
                && e.getMessage() != null && !INTERNALS.matcher(e.getMessage()).find()) {
            node.put("type", FAILED);
            node.put("message", e.getMessage());
        } else {
            node.put("type", INTERNAL);
            node.put("message", "the run failed unexpectedly; the service logged the cause under this run's id");
        }
        return node;
    }

    private static String readable(String message) {
        return message == null || INTERNALS.matcher(message).find() ? "refused while running" : message;
    }
}

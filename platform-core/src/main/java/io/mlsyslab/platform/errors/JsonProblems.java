package io.mlsyslab.platform.errors;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a Jackson binding failure into a {@link FieldError} a client can act on: the JSON path of the value and what
 * was expected in JSON terms ("an integer", "one of [ecmp, spraying]"), never a Java type name.
 */
public final class JsonProblems {

    /**
     * Jackson's advice to its own users, which names its switches and types: "enable `JsonReadFeature.X` to allow",
     * "(set `DeserializationFeature.X` to 'false' to allow)", "(but could if coercion was enabled using `CoercionConfig`)",
     * "(from `StreamReadConstraints.getMaxNestingDepth()`)". A client cannot act on it, so it is cut.
     */
    private static final Pattern LIBRARY_HINT = Pattern.compile(
            ":? *enable `[^`]*` to allow|\\s*\\((set|but|from) [^)]*`[^)]*\\)");
    /** Any other backquoted name left in a message: a Java or Jackson type ({@code `int`}, {@code `java.lang.Integer`}). */
    private static final Pattern BACKQUOTED = Pattern.compile("`[^`]*`");

    private JsonProblems() {}

    /** The field error for {@code e}; the path starts with {@code root} ("params", or "" for a request body). */
    public static FieldError fieldError(JacksonException e, String root) {
        String path = path(e, root);
        return new FieldError(path.isEmpty() ? "body" : path, message(e));
    }

    /**
     * The typed field errors a record's constructor threw while {@code e} was binding it, seen from the root: a
     * params record at {@code params.traffic} throwing {@code ranks} becomes {@code params.traffic.ranks}.
     */
    public static java.util.Optional<FieldErrorException> typedCause(JacksonException e, String root) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof FieldErrorException typed) {
                return java.util.Optional.of(typed.prefixed(path(e, root)));
            }
        }
        return java.util.Optional.empty();
    }

    public static String path(JacksonException e, String root) {
        StringBuilder path = new StringBuilder(root == null ? "" : root);
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String message(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            return "unknown field; known: " + known;
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof InputCoercionException range && range.getTargetType() != null) {
            return "out of range: expected " + describe(range.getTargetType()) + rangeOf(range.getTargetType());
        }
        if (e instanceof StreamConstraintsException) {
            return readerLimits();
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return "'" + f.getValue() + "' is not " + describe(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType());
        }
        return withoutJavaTypes(e.getOriginalMessage());
    }

    private static String rangeOf(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]";
        }
        if (type == long.class || type == Long.class) {
            return " in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]";
        }
        return "";
    }

    /** The reader's limits, from its configuration rather than its message (which names its Java methods). */
    private static String readerLimits() {
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        return "the document exceeds a limit of the JSON reader: at most " + limits.getMaxNestingDepth()
                + " levels of nesting, " + limits.getMaxNumberLength() + " characters in a number, "
                + limits.getMaxStringLength() + " in a string and " + limits.getMaxNameLength() + " in a field name";
    }

    /** A Java type as JSON: "an integer", "a number", "one of [a, b]", "an array", "an object". */
    public static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID string";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration string (e.g. PT30S)";
        }
        if (type.isEnum()) {
            return "one of " + wireNames(type);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid value";
    }

    /** An enum's names as clients write them: its {@code @JsonValue} or {@code @JsonProperty} names, else the constant names. */
    public static List<String> wireNames(Class<?> enumType) {
        Method wire = null;
        for (Method m : enumType.getDeclaredMethods()) {
            if (m.getParameterCount() == 0 && m.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class)
                    && m.trySetAccessible()) {
                wire = m;
            }
        }
        List<String> names = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            String name = ((Enum<?>) constant).name();
            try {
                var property = enumType.getField(name).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                names.add(wire != null ? String.valueOf(wire.invoke(constant))
                        : property != null && !property.value().isEmpty() ? property.value() : name);
            } catch (ReflectiveOperationException ex) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A parser message a client can read: Jackson's trailing source location and its advice about its own switches
     * cut, any backquoted type name ({@code `int`}, {@code `java.lang.Integer`}) replaced by "value".
     */
    static String withoutJavaTypes(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        line = LIBRARY_HINT.matcher(line).replaceAll("");
        return BACKQUOTED.matcher(line).replaceAll("value").trim();
    }
}

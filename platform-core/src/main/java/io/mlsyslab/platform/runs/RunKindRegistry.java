package io.mlsyslab.platform.runs;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.platform.errors.JsonProblems;
import io.mlsyslab.platform.errors.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The run kinds of this service: lookup, params binding with defaults and validation, and their published schemas. */
public class RunKindRegistry {

    /** How {@code GET run-kinds} shows a kind. */
    public record KindInfo(String name, String description, ObjectNode paramsSchema, JsonNode defaults) {}

    private static final java.util.regex.Pattern LEGACY_FIELD_MESSAGE =
            java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_.]*): (.+)", java.util.regex.Pattern.DOTALL);

    private final Map<String, RunKind<?, ?>> kinds = new TreeMap<>();
    private final Map<String, KindInfo> infos = new LinkedHashMap<>();
    private final JsonMapper json;
    private final Validator validator;

    public RunKindRegistry(List<RunKind<?, ?>> kinds, JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
        ParamsSchema schemas = new ParamsSchema(json);
        for (RunKind<?, ?> kind : kinds) {
            if (!kind.name().matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalStateException("run kind name must be lower-case words joined by '-': " + kind.name());
            }
            if (this.kinds.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalStateException("two run kinds are named " + kind.name());
            }
        }
        for (RunKind<?, ?> kind : this.kinds.values()) {
            JsonNode defaults = defaults(kind);
            infos.put(kind.name(), new KindInfo(kind.name(), kind.description(),
                    schemas.of(kind.paramsType(), defaults), defaults));
        }
    }

    /**
     * The params a client gets by sending none. A kind with required params (no default) cannot be built from
     * {@code {}}; its defaults are the components that do have one.
     */
    private JsonNode defaults(RunKind<?, ?> kind) {
        try {
            return toTree(json.readerFor(kind.paramsType()).readValue(json.createObjectNode()));
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    public Optional<RunKind<?, ?>> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    public List<KindInfo> describe() {
        return List.copyOf(infos.values());
    }

    public Set<String> names() {
        return kinds.keySet();
    }

    /**
     * Turns client JSON into the kind's params record: unknown or mistyped fields, values the record rejects and
     * constraint violations all become a 400 naming the field as {@code params.<path>}.
     */
    public Record bind(RunKind<?, ?> kind, JsonNode params) {
        Record bound;
        try {
            bound = json.readerFor(kind.paramsType())
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(params);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badField(JsonProblems.path(e, "params"), "unknown parameter of kind " + kind.name()
                    + "; known: " + e.getKnownPropertyIds());
        } catch (JacksonException e) {
            // a params record refuses a value in its constructor: typed field errors, or (older code) "field: message"
            Optional<FieldErrorException> typed = JsonProblems.typedCause(e, "params");
            if (typed.isPresent()) {
                throw ProblemException.of(typed.get());
            }
            if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException legacy) {
                throw legacyFieldProblem(e, legacy);
            }
            FieldError error = JsonProblems.fieldError(e, "params");
            throw ProblemException.badField(error.field(), error.message());
        }
        if (bound == null) {
            throw ProblemException.badField("params", "must be a JSON object");
        }
        Set<ConstraintViolation<Record>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            throw ProblemException.badFields(violations.stream().collect(Collectors.toMap(
                    v -> "params" + fieldPath(v.getPropertyPath()), ConstraintViolation::getMessage,
                    (a, b) -> a + "; " + b, TreeMap::new)));
        }
        return bound;
    }

    /**
     * The kind's {@link RunKind#validateAtSubmission} on params {@link #bind} returned; a typed field error becomes
     * a problem naming {@code params.<field>}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void validateAtSubmission(RunKind<?, ?> kind, Record params) {
        try {
            ((RunKind) kind).validateAtSubmission(params);
        } catch (FieldErrorException e) {
            throw ProblemException.of(e.prefixed("params"));
        }
    }

    public JsonNode toTree(Object value) {
        return json.valueToTree(value);
    }

    /**
     * Fallback for params records not yet migrated to {@link FieldErrorException}: their
     * {@code IllegalArgumentException("field: message")} names the field in its text. Kept so that code written
     * against the older convention still answers 400 naming {@code params.<field>}.
     */
    private static ProblemException legacyFieldProblem(JacksonException e, IllegalArgumentException legacy) {
        String message = String.valueOf(legacy.getMessage());
        java.util.regex.Matcher named = LEGACY_FIELD_MESSAGE.matcher(message);
        String at = JsonProblems.path(e, "params");
        if (named.matches()) {
            return ProblemException.badField(at + "." + named.group(1), named.group(2));
        }
        return ProblemException.badField(at, message);
    }

    /**
     * A constraint violation's path as a client writes it: {@code .fabricSizes[0]}, {@code .traffic.ranks},
     * {@code .weights[key]}, without Hibernate Validator's {@code <list element>} node names.
     */
    static String fieldPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    out.append('[').append(node.getKey()).append(']');
                } else {
                    out.append("[]");
                }
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                out.append('.').append(node.getName());
            }
        }
        return out.toString();
    }
}

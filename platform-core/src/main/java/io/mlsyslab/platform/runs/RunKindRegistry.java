package io.mlsyslab.platform.runs;

import io.mlsyslab.platform.errors.ProblemException;
import jakarta.validation.ConstraintViolation;
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

    private static final java.util.regex.Pattern FIELD_MESSAGE =
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
            throw ProblemException.badField(path(e), "unknown parameter of kind " + kind.name() + "; known: "
                    + e.getKnownPropertyIds());
        } catch (ValueInstantiationException e) {
            // a params record rejects a value in its constructor with "field: what is wrong"
            String message = String.valueOf((e.getCause() == null ? e : e.getCause()).getMessage());
            java.util.regex.Matcher named = FIELD_MESSAGE.matcher(message);
            if (named.matches()) {
                throw ProblemException.badField("params." + named.group(1), named.group(2));
            }
            throw ProblemException.badField(path(e), message);
        } catch (JacksonException e) {
            throw ProblemException.badField(path(e), e.getOriginalMessage());
        }
        if (bound == null) {
            throw ProblemException.badField("params", "must be a JSON object");
        }
        Set<ConstraintViolation<Record>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            throw ProblemException.badFields(violations.stream().collect(Collectors.toMap(
                    v -> "params." + v.getPropertyPath(), ConstraintViolation::getMessage, (a, b) -> a + "; " + b,
                    TreeMap::new)));
        }
        return bound;
    }

    public JsonNode toTree(Object value) {
        return json.valueToTree(value);
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder("params");
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

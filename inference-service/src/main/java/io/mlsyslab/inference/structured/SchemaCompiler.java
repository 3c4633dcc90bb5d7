package io.mlsyslab.inference.structured;

import io.mlsyslab.contract.FieldErrorException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schema → {@link SchemaNode}s. Supports the keywords listed in docs/structured-outputs.md and refuses every
 * other keyword with a 400 naming its path ({@code prefix.properties.age.format}), because silently ignoring a
 * constraint would let the model emit output that the caller's validator rejects.
 */
final class SchemaCompiler {
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment",
            "default", "examples", "deprecated", "readOnly", "writeOnly", "$defs", "definitions");
    private static final Set<String> OBJECT = Set.of("properties", "required", "additionalProperties");
    private static final Set<String> ARRAY = Set.of("items", "minItems", "maxItems", "uniqueItems");
    private static final Set<String> STRING = Set.of("minLength", "maxLength", "pattern");
    private static final Set<String> NUMBER = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
    private static final Set<String> COMBINATORS = Set.of("type", "enum", "const", "anyOf", "oneOf", "$ref");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private enum Kind { OBJECT, ARRAY, STRING, INTEGER, NUMBER, BOOLEAN, NULL }

    private final JsonNode document;
    private final String prefix;
    private final Deque<String> refs = new ArrayDeque<>();
    private final Map<String, SchemaNode> resolved = new LinkedHashMap<>();

    private SchemaCompiler(JsonNode document, String prefix) {
        this.document = document;
        this.prefix = prefix;
    }

    static SchemaNode compile(JsonNode schema, String prefix) {
        return new SchemaCompiler(schema, prefix).node(schema, "");
    }

    private FieldErrorException error(String path, String message) {
        return FieldErrorException.invalid(path.isEmpty() ? prefix : prefix + "." + path, message);
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private SchemaNode node(JsonNode s, String path) {
        SchemaNode n = unchecked(s, path);
        if (n.minBytes() >= SchemaNode.INF) {
            throw error(path, "no JSON value satisfies this schema");
        }
        return n;
    }

    private SchemaNode unchecked(JsonNode s, String path) {
        if (s.isBoolean()) {
            if (s.booleanValue()) {
                return SchemaNode.AnyValue.INSTANCE;
            }
            throw error(path, "the schema false allows no value");
        }
        if (!s.isObject()) {
            throw error(path, "a schema must be an object or a boolean");
        }
        for (String key : s.propertyNames()) {
            if (!ANNOTATIONS.contains(key) && !OBJECT.contains(key) && !ARRAY.contains(key) && !STRING.contains(key)
                    && !NUMBER.contains(key) && !COMBINATORS.contains(key)) {
                throw error(at(path, key), "unsupported keyword '" + key + "' for constrained decoding");
            }
        }
        if (s.has("$ref")) {
            onlyWith(s, path, "$ref", Set.of());
            return ref(s.get("$ref"), at(path, "$ref"));
        }
        if (s.has("anyOf") || s.has("oneOf")) {
            String key = s.has("anyOf") ? "anyOf" : "oneOf";
            onlyWith(s, path, key, Set.of());
            return alternatives(s.get(key), at(path, key), key.equals("oneOf"));
        }
        if (s.has("enum") || s.has("const")) {
            String key = s.has("enum") ? "enum" : "const";
            onlyWith(s, path, key, Set.of("type"));
            return literals(s, path, key);
        }
        EnumSet<Kind> kinds = kinds(s, path);
        List<SchemaNode> options = new ArrayList<>();
        for (Kind k : kinds) {
            options.add(typed(k, s, path));
        }
        return options.isEmpty() ? SchemaNode.AnyValue.INSTANCE : SchemaNode.AnyOf.of(options);
    }

    /** Keyword {@code key} combined with anything but annotations (and {@code allowed}) would be an intersection. */
    private void onlyWith(JsonNode s, String path, String key, Set<String> allowed) {
        for (String other : s.propertyNames()) {
            if (!other.equals(key) && !ANNOTATIONS.contains(other) && !allowed.contains(other)) {
                throw error(at(path, other), "'" + other + "' next to '" + key + "' is not supported (put the "
                        + "constraint inside the " + key + ")");
            }
        }
    }

    private EnumSet<Kind> kinds(JsonNode s, String path) {
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        JsonNode type = s.get("type");
        if (type == null) {
            if (s.propertyNames().stream().anyMatch(OBJECT::contains)) {
                kinds.add(Kind.OBJECT);
            }
            if (s.propertyNames().stream().anyMatch(ARRAY::contains)) {
                kinds.add(Kind.ARRAY);
            }
            if (s.propertyNames().stream().anyMatch(STRING::contains)) {
                kinds.add(Kind.STRING);
            }
            if (s.propertyNames().stream().anyMatch(NUMBER::contains)) {
                kinds.add(Kind.NUMBER);
            }
            if (kinds.size() > 1) {
                throw error(at(path, "type"), "keywords of several types without 'type' are not supported");
            }
            return kinds;
        }
        List<JsonNode> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(names::add);
        } else {
            names.add(type);
        }
        for (JsonNode n : names) {
            Kind k = n.isString() ? kind(n.stringValue()) : null;
            if (k == null) {
                throw error(at(path, "type"), "unknown type " + n);
            }
            kinds.add(k);
        }
        if (kinds.contains(Kind.NUMBER)) {
            kinds.remove(Kind.INTEGER); // every integer is a number
        }
        if (kinds.isEmpty()) {
            throw error(at(path, "type"), "an empty type list allows no value");
        }
        return kinds;
    }

    private static Kind kind(String name) {
        return switch (name) {
            case "object" -> Kind.OBJECT;
            case "array" -> Kind.ARRAY;
            case "string" -> Kind.STRING;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "null" -> Kind.NULL;
            default -> null;
        };
    }

    private SchemaNode typed(Kind k, JsonNode s, String path) {
        return switch (k) {
            case OBJECT -> object(s, path);
            case ARRAY -> array(s, path);
            case STRING -> string(s, path);
            case INTEGER, NUMBER -> number(s, path, k == Kind.INTEGER);
            case BOOLEAN -> LiteralNode.of(List.of("true", "false"));
            case NULL -> LiteralNode.of(List.of("null"));
        };
    }

    private SchemaNode object(JsonNode s, String path) {
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = s.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw error(at(path, "required"), "must be an array of property names");
            }
            for (JsonNode r : req) {
                if (!r.isString()) {
                    throw error(at(path, "required"), "must be an array of property names");
                }
                required.add(r.stringValue());
            }
        }
        List<ObjectNode.Property> props = new ArrayList<>();
        JsonNode properties = s.get("properties");
        if (properties != null) {
            if (!properties.isObject()) {
                throw error(at(path, "properties"), "must be an object of schemas");
            }
            for (String name : properties.propertyNames()) {
                SchemaNode value = node(properties.get(name), at(at(path, "properties"), name));
                props.add(new ObjectNode.Property(name, key(name), value, required.contains(name)));
            }
        }
        for (String name : required) {
            if (properties == null || !properties.has(name)) {
                props.add(new ObjectNode.Property(name, key(name), SchemaNode.AnyValue.INSTANCE, true));
            }
        }
        SchemaNode additional = SchemaNode.AnyValue.INSTANCE;
        JsonNode add = s.get("additionalProperties");
        if (add != null && props.isEmpty()) {
            additional = add.isBoolean() && !add.booleanValue() ? null
                    : node(add, at(path, "additionalProperties"));
        }
        return new ObjectNode(props, additional);
    }

    private static byte[] key(String name) {
        return MAPPER.writeValueAsBytes(name);
    }

    private SchemaNode array(JsonNode s, String path) {
        JsonNode items = s.get("items");
        if (items != null && items.isArray()) {
            throw error(at(path, "items"), "tuple items (an array of schemas) are not supported");
        }
        if (s.has("uniqueItems") && s.get("uniqueItems").asBoolean(false)) {
            throw error(at(path, "uniqueItems"), "uniqueItems: true is not supported");
        }
        SchemaNode item = items == null ? SchemaNode.AnyValue.INSTANCE : node(items, at(path, "items"));
        int min = count(s, path, "minItems", 0), max = count(s, path, "maxItems", Integer.MAX_VALUE);
        if (max < min) {
            throw error(at(path, "maxItems"), "is below minItems");
        }
        return new ArrayNode(item, min, max);
    }

    private SchemaNode string(JsonNode s, String path) {
        int min = count(s, path, "minLength", 0), max = count(s, path, "maxLength", Integer.MAX_VALUE);
        if (max < min) {
            throw error(at(path, "maxLength"), "is below minLength");
        }
        PatternDfa dfa = null;
        JsonNode pattern = s.get("pattern");
        if (pattern != null) {
            if (!pattern.isString()) {
                throw error(at(path, "pattern"), "must be a string");
            }
            try {
                dfa = PatternDfa.compile(pattern.stringValue());
                return new StringNode(min, max, dfa);
            } catch (Regex.Unsupported e) {
                throw error(at(path, "pattern"), "unsupported pattern: " + e.getMessage());
            }
        }
        return new StringNode(min, max, null);
    }

    private int count(JsonNode s, String path, String key, int absent) {
        JsonNode v = s.get(key);
        if (v == null) {
            return absent;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw error(at(path, key), "must be a non-negative integer");
        }
        return (int) Math.min(Integer.MAX_VALUE, v.asLong());
    }

    private SchemaNode number(JsonNode s, String path, boolean integer) {
        BigDecimal lo = bound(s, path, "minimum"), xlo = bound(s, path, "exclusiveMinimum");
        BigDecimal hi = bound(s, path, "maximum"), xhi = bound(s, path, "exclusiveMaximum");
        if (lo == null && xlo == null && hi == null && xhi == null) {
            return new NumberNode(integer, null);
        }
        boolean loX = xlo != null && (lo == null || xlo.compareTo(lo) >= 0);
        boolean hiX = xhi != null && (hi == null || xhi.compareTo(hi) <= 0);
        NumberBounds b = new NumberBounds(integer, loX ? xlo : lo, loX, hiX ? xhi : hi, hiX);
        NumberNode n = new NumberNode(integer, b);
        if (n.minBytes() >= SchemaNode.INF) {
            throw error(at(path, hi != null || xhi != null ? (hiX ? "exclusiveMaximum" : "maximum")
                    : loX ? "exclusiveMinimum" : "minimum"), "no " + (integer ? "integer" : "number") + " is in range");
        }
        return n;
    }

    private BigDecimal bound(JsonNode s, String path, String key) {
        JsonNode v = s.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw error(at(path, key), "must be a number");
        }
        return v.decimalValue();
    }

    private SchemaNode literals(JsonNode s, String path, String key) {
        List<JsonNode> values = new ArrayList<>();
        if (key.equals("const")) {
            values.add(s.get("const"));
        } else {
            if (!s.get("enum").isArray() || s.get("enum").isEmpty()) {
                throw error(at(path, "enum"), "must be a non-empty array");
            }
            s.get("enum").forEach(values::add);
        }
        EnumSet<Kind> kinds = s.has("type") ? kinds(s, path) : EnumSet.allOf(Kind.class);
        List<String> json = new ArrayList<>();
        for (JsonNode v : values) {
            if (kinds.contains(kindOf(v)) || kindOf(v) == Kind.INTEGER && kinds.contains(Kind.NUMBER)) {
                json.add(MAPPER.writeValueAsString(v));
            }
        }
        if (json.isEmpty()) {
            throw error(at(path, key), "no value has the schema's type");
        }
        return LiteralNode.of(json);
    }

    private static Kind kindOf(JsonNode v) {
        if (v.isObject()) {
            return Kind.OBJECT;
        }
        if (v.isArray()) {
            return Kind.ARRAY;
        }
        if (v.isString()) {
            return Kind.STRING;
        }
        if (v.isIntegralNumber()) {
            return Kind.INTEGER;
        }
        if (v.isNumber()) {
            return Kind.NUMBER;
        }
        return v.isBoolean() ? Kind.BOOLEAN : Kind.NULL;
    }

    private SchemaNode alternatives(JsonNode list, String path, boolean exclusive) {
        if (!list.isArray() || list.isEmpty()) {
            throw error(path, "must be a non-empty array of schemas");
        }
        List<SchemaNode> flat = new ArrayList<>();
        List<Set<Kind>> kinds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            SchemaNode n = node(list.get(i), at(path, Integer.toString(i)));
            Set<Kind> k = producible(n);
            if (exclusive) {
                for (Set<Kind> other : kinds) {
                    if (other.stream().anyMatch(k::contains)) {
                        throw error(at(path, Integer.toString(i)), "oneOf alternatives that may produce the same "
                                + "JSON type are not supported (oneOf is generated as anyOf, so they must be "
                                + "disjoint by type; use anyOf)");
                    }
                }
            }
            kinds.add(k);
            if (n instanceof SchemaNode.AnyOf a) {
                flat.addAll(a.alternatives());
            } else {
                flat.add(n);
            }
        }
        return SchemaNode.AnyOf.of(flat);
    }

    /** The JSON types a node may produce (integer and number merged: they overlap). */
    private static Set<Kind> producible(SchemaNode n) {
        return switch (n) {
            case ObjectNode o -> EnumSet.of(Kind.OBJECT);
            case ArrayNode a -> EnumSet.of(Kind.ARRAY);
            case StringNode t -> EnumSet.of(Kind.STRING);
            case NumberNode x -> EnumSet.of(Kind.NUMBER);
            case LiteralNode l -> {
                EnumSet<Kind> k = EnumSet.noneOf(Kind.class);
                for (byte[] b : l.literals()) {
                    Kind kind = kindOf(MAPPER.readTree(b));
                    k.add(kind == Kind.INTEGER ? Kind.NUMBER : kind);
                }
                yield k;
            }
            case SchemaNode.AnyOf a -> {
                EnumSet<Kind> k = EnumSet.noneOf(Kind.class);
                a.alternatives().forEach(x -> k.addAll(producible(x)));
                yield k;
            }
            case SchemaNode.AnyValue any -> EnumSet.allOf(Kind.class);
        };
    }

    private SchemaNode ref(JsonNode ref, String path) {
        String r = ref.isString() ? ref.stringValue() : "";
        String name = r.startsWith("#/$defs/") ? r.substring(8) : r.startsWith("#/definitions/") ? r.substring(14) : null;
        String container = r.startsWith("#/$defs/") ? "$defs" : "definitions";
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw error(path, "only local references #/$defs/<name> or #/definitions/<name> are supported");
        }
        if (refs.contains(r)) {
            throw error(path, "recursive reference " + r + " is not supported");
        }
        SchemaNode done = resolved.get(r);
        if (done != null) {
            return done;
        }
        JsonNode target = document.path(container).get(name);
        if (target == null) {
            throw error(path, "reference " + r + " does not resolve");
        }
        refs.push(r);
        try {
            SchemaNode n = node(target, container + "." + name);
            resolved.put(r, n);
            return n;
        } finally {
            refs.pop();
        }
    }
}

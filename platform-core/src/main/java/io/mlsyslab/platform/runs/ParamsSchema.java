package io.mlsyslab.platform.runs;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema (draft 2020-12) of a params record, derived from its components, their Jakarta constraints and
 * {@link ParamDescription}s, with each property's default taken from the record built from {@code {}}.
 */
final class ParamsSchema {

    private final JsonMapper json;

    ParamsSchema(JsonMapper json) {
        this.json = json;
    }

    ObjectNode of(Class<? extends Record> type, JsonNode defaults) {
        ObjectNode schema = recordSchema(type, defaults);
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return schema;
    }

    private ObjectNode recordSchema(Class<?> type, JsonNode defaults) {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        describe(schema, type);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.createArrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            if (annotation(component, NotNull.class) != null || annotation(component, NotBlank.class) != null) {
                required.add(component.getName());
            }
            JsonNode componentDefault = defaults == null ? null : defaults.get(component.getName());
            ObjectNode property = typeSchema(component.getGenericType(), componentDefault);
            describe(property, component);
            constrain(property, component);
            if (componentDefault != null && !componentDefault.isNull()) {
                property.set("default", componentDefault);
            }
            properties.set(component.getName(), property);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode typeSchema(Type type, JsonNode defaults) {
        ObjectNode schema = json.createObjectNode();
        Class<?> raw = raw(type);
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class) {
            schema.put("type", "integer");
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            schema.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == String.class || raw == java.time.Duration.class || raw == java.util.UUID.class) {
            schema.put("type", "string");
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(json.valueToTree(constant));
            }
        } else if (raw.isArray()) {
            schema.put("type", "array");
            schema.set("items", typeSchema(raw.getComponentType(), null));
        } else if (Collection.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            schema.set("items", typeSchema(typeArgument(type, 0), null));
        } else if (Map.class.isAssignableFrom(raw)) {
            schema.put("type", "object");
            schema.set("additionalProperties", typeSchema(typeArgument(type, 1), null));
        } else if (raw.isRecord()) {
            return recordSchema(raw, defaults);
        } else {
            schema.put("type", "object");
        }
        return schema;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static void describe(ObjectNode schema, AnnotatedElement element) {
        ParamDescription description = element.getAnnotation(ParamDescription.class);
        if (description != null) {
            schema.put("description", description.value());
        }
    }

    private static void constrain(ObjectNode schema, RecordComponent component) {
        boolean array = "array".equals(schema.path("type").asString(""));
        boolean string = "string".equals(schema.path("type").asString(""));
        Min min = annotation(component, Min.class);
        if (min != null) {
            schema.put("minimum", min.value());
        }
        Max max = annotation(component, Max.class);
        if (max != null) {
            schema.put("maximum", max.value());
        }
        DecimalMin decimalMin = annotation(component, DecimalMin.class);
        if (decimalMin != null) {
            schema.put(decimalMin.inclusive() ? "minimum" : "exclusiveMinimum", Double.parseDouble(decimalMin.value()));
        }
        DecimalMax decimalMax = annotation(component, DecimalMax.class);
        if (decimalMax != null) {
            schema.put(decimalMax.inclusive() ? "maximum" : "exclusiveMaximum", Double.parseDouble(decimalMax.value()));
        }
        if (annotation(component, Positive.class) != null) {
            schema.put("exclusiveMinimum", 0);
        }
        if (annotation(component, PositiveOrZero.class) != null) {
            schema.put("minimum", 0);
        }
        Size size = annotation(component, Size.class);
        if (size != null) {
            schema.put(array ? "minItems" : "minLength", size.min());
            if (size.max() != Integer.MAX_VALUE) {
                schema.put(array ? "maxItems" : "maxLength", size.max());
            }
        }
        if (annotation(component, NotEmpty.class) != null) {
            schema.put(array ? "minItems" : "minLength", 1);
        }
        if (string && annotation(component, NotBlank.class) != null) {
            schema.put("minLength", 1);
        }
        Pattern pattern = annotation(component, Pattern.class);
        if (pattern != null) {
            schema.put("pattern", pattern.regexp());
        }
    }

    /** Constraints on a record component are declared on the component, the field or the accessor. */
    private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        A found = component.getAnnotation(type);
        if (found == null) {
            found = component.getAccessor().getAnnotation(type);
        }
        if (found == null) {
            try {
                found = component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
            } catch (NoSuchFieldException e) {
                return null;
            }
        }
        return found;
    }
}

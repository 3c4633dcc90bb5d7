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
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
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
            ObjectNode property = typeSchema(component.getAnnotatedType(), componentDefault);
            describe(property, component);
            constrain(property, new Constraints() {
                @Override
                public <A extends Annotation> A get(Class<A> type) {
                    return annotation(component, type);
                }
            });
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

    /** Looks up a constraint annotation wherever the element declares it. */
    private interface Constraints {
        <A extends Annotation> A get(Class<A> type);
    }

    /** The schema of a list's items or a map's values, with the constraints written on that type argument. */
    private ObjectNode elementSchema(AnnotatedType type) {
        ObjectNode schema = typeSchema(type, null);
        constrain(schema, new Constraints() {
            @Override
            public <A extends Annotation> A get(Class<A> annotation) {
                return type.getAnnotation(annotation);
            }
        });
        return schema;
    }

    private ObjectNode typeSchema(AnnotatedType annotated, JsonNode defaults) {
        ObjectNode schema = json.createObjectNode();
        Type type = annotated.getType();
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
        } else if (annotated instanceof AnnotatedArrayType array) {
            schema.put("type", "array");
            schema.set("items", elementSchema(array.getAnnotatedGenericComponentType()));
        } else if (Collection.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            schema.set("items", elementSchema(typeArgument(annotated, 0)));
        } else if (Map.class.isAssignableFrom(raw)) {
            schema.put("type", "object");
            schema.set("additionalProperties", elementSchema(typeArgument(annotated, 1)));
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

    private static AnnotatedType typeArgument(AnnotatedType type, int index) {
        if (type instanceof AnnotatedParameterizedType p && p.getAnnotatedActualTypeArguments().length > index) {
            return p.getAnnotatedActualTypeArguments()[index];
        }
        return OBJECT;
    }

    /** An unannotated {@code Object}, for raw collections. */
    private static final AnnotatedType OBJECT = new AnnotatedType() {
        @Override
        public Type getType() {
            return Object.class;
        }

        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            return null;
        }

        @Override
        public Annotation[] getAnnotations() {
            return new Annotation[0];
        }

        @Override
        public Annotation[] getDeclaredAnnotations() {
            return new Annotation[0];
        }
    };

    private static void describe(ObjectNode schema, AnnotatedElement element) {
        ParamDescription description = element.getAnnotation(ParamDescription.class);
        if (description != null) {
            schema.put("description", description.value());
        }
    }

    private static void constrain(ObjectNode schema, Constraints component) {
        boolean array = "array".equals(schema.path("type").asString(""));
        boolean string = "string".equals(schema.path("type").asString(""));
        Min min = component.get(Min.class);
        if (min != null) {
            schema.put("minimum", min.value());
        }
        Max max = component.get(Max.class);
        if (max != null) {
            schema.put("maximum", max.value());
        }
        DecimalMin decimalMin = component.get(DecimalMin.class);
        if (decimalMin != null) {
            schema.put(decimalMin.inclusive() ? "minimum" : "exclusiveMinimum", Double.parseDouble(decimalMin.value()));
        }
        DecimalMax decimalMax = component.get(DecimalMax.class);
        if (decimalMax != null) {
            schema.put(decimalMax.inclusive() ? "maximum" : "exclusiveMaximum", Double.parseDouble(decimalMax.value()));
        }
        if (component.get(Positive.class) != null) {
            schema.put("exclusiveMinimum", 0);
        }
        if (component.get(PositiveOrZero.class) != null) {
            schema.put("minimum", 0);
        }
        Size size = component.get(Size.class);
        if (size != null) {
            schema.put(array ? "minItems" : "minLength", size.min());
            if (size.max() != Integer.MAX_VALUE) {
                schema.put(array ? "maxItems" : "maxLength", size.max());
            }
        }
        if (component.get(NotEmpty.class) != null) {
            schema.put(array ? "minItems" : "minLength", 1);
        }
        if (string && component.get(NotBlank.class) != null) {
            schema.put("minLength", 1);
        }
        Pattern pattern = component.get(Pattern.class);
        if (pattern != null) {
            // Jakarta matches the whole string, a JSON Schema pattern any part of it
            schema.put("pattern", "^(?:" + pattern.regexp() + ")$");
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

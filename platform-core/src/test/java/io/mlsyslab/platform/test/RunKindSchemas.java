package io.mlsyslab.platform.test;

import io.mlsyslab.platform.errors.JsonProblems;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.platform.runs.RunKindRegistry;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks that the JSON Schema a service publishes for each of its run kinds carries what the params records declare
 * on list elements and map values ({@code List<@Min(2) @Max(32) Integer>}) and every enum's wire names: a client reading
 * {@code GET run-kinds} learns every limit the binder enforces. Use from a service's test with its registry bean.
 */
public final class RunKindSchemas {

    private RunKindSchemas() {}

    /** Every run kind of {@code registry}; returns how many element constraints were checked (to assert non-zero). */
    public static int assertElementConstraintsPublished(RunKindRegistry registry) {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (RunKindRegistry.KindInfo info : registry.describe()) {
            RunKind<?, ?> kind = registry.find(info.name()).orElseThrow();
            checked += check(kind.paramsType(), info.paramsSchema(), info.name(), problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("run-kind schemas miss element constraints:\n  " + String.join("\n  ", problems));
        }
        return checked;
    }

    private static int check(Class<?> record, JsonNode schema, String where, List<String> problems) {
        int checked = 0;
        for (RecordComponent c : record.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(c.getName());
            String at = where + "." + c.getName();
            if (property.isMissingNode()) {
                problems.add(at + ": not in the schema");
                continue;
            }
            checked += checkType(c.getAnnotatedType(), property, at, problems);
        }
        return checked;
    }

    private static int checkType(AnnotatedType type, JsonNode schema, String at, List<String> problems) {
        int checked = 0;
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return check(raw, schema, at, problems);
        }
        if (raw.isEnum()) {
            List<String> names = new ArrayList<>();
            schema.path("enum").forEach(v -> names.add(v.asString()));
            expect(names.equals(JsonProblems.wireNames(raw)), at, "enum " + JsonProblems.wireNames(raw), schema, problems);
            return 1;
        }
        if (type instanceof AnnotatedParameterizedType p) {
            boolean map = Map.class.isAssignableFrom(raw);
            if (map || Collection.class.isAssignableFrom(raw)) {
                AnnotatedType element = p.getAnnotatedActualTypeArguments()[map ? 1 : 0];
                JsonNode elementSchema = schema.path(map ? "additionalProperties" : "items");
                String elementAt = at + (map ? "{}" : "[]");
                checked += checkElement(element, elementSchema, elementAt, problems);
                checked += checkType(element, elementSchema, elementAt, problems);
            }
        }
        return checked;
    }

    private static int checkElement(AnnotatedType element, JsonNode schema, String at, List<String> problems) {
        int checked = 0;
        Min min = element.getAnnotation(Min.class);
        if (min != null) {
            checked++;
            expect(schema.path("minimum").asLong(Long.MIN_VALUE) == min.value(), at, "minimum " + min.value(), schema, problems);
        }
        Max max = element.getAnnotation(Max.class);
        if (max != null) {
            checked++;
            expect(schema.path("maximum").asLong(Long.MAX_VALUE) == max.value(), at, "maximum " + max.value(), schema, problems);
        }
        DecimalMin dmin = element.getAnnotation(DecimalMin.class);
        if (dmin != null) {
            checked++;
            String key = dmin.inclusive() ? "minimum" : "exclusiveMinimum";
            expect(schema.path(key).asDouble(Double.NaN) == Double.parseDouble(dmin.value()), at, key + " " + dmin.value(),
                    schema, problems);
        }
        DecimalMax dmax = element.getAnnotation(DecimalMax.class);
        if (dmax != null) {
            checked++;
            String key = dmax.inclusive() ? "maximum" : "exclusiveMaximum";
            expect(schema.path(key).asDouble(Double.NaN) == Double.parseDouble(dmax.value()), at, key + " " + dmax.value(),
                    schema, problems);
        }
        if (element.getAnnotation(Positive.class) != null) {
            checked++;
            expect(schema.has("exclusiveMinimum"), at, "exclusiveMinimum 0", schema, problems);
        }
        Pattern pattern = element.getAnnotation(Pattern.class);
        if (pattern != null) {
            checked++;
            expect(schema.path("pattern").asString("").contains(pattern.regexp()), at, "pattern " + pattern.regexp(),
                    schema, problems);
        }
        Size size = element.getAnnotation(Size.class);
        if (size != null && size.max() != Integer.MAX_VALUE) {
            checked++;
            expect(schema.path("maxLength").asInt(-1) == size.max() || schema.path("maxItems").asInt(-1) == size.max(),
                    at, "max size " + size.max(), schema, problems);
        }
        return checked;
    }

    private static void expect(boolean ok, String at, String what, JsonNode schema, List<String> problems) {
        if (!ok) {
            problems.add(at + ": expected " + what + " in " + schema);
        }
    }

    private static Class<?> raw(AnnotatedType type) {
        java.lang.reflect.Type t = type.getType();
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}

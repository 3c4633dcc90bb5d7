package io.mlsyslab.inference.structured;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The independent check: networknt's JSON Schema validator (draft 2020-12). */
final class Validation {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private Validation() {
    }

    /** Parse errors or validation errors of {@code output} against {@code schemaJson}; empty when valid. */
    static List<String> errors(String schemaJson, String output) {
        JsonNode value;
        try {
            value = ByteLevel.MAPPER.readTree(output);
        } catch (RuntimeException e) {
            return List.of("does not parse: " + e.getMessage());
        }
        Schema schema = REGISTRY.getSchema(schemaJson);
        return schema.validate(value).stream().map(Object::toString).toList();
    }
}

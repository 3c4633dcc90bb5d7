package io.mlsyslab.inference.api;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.inference.engine.TokenConstraint;
import io.mlsyslab.inference.structured.StructuredOutput;
import io.mlsyslab.inference.structured.TokenVocabulary;
import tools.jackson.databind.JsonNode;

/**
 * {@code response_format}: {@code text} (the default), {@code json_object} (any JSON object) or
 * {@code json_schema} ({@code {"name", "schema", "strict", "description"}}), the last two enforced by constrained
 * decoding (docs/structured-outputs.md). A schema keyword the decoder cannot enforce is a 400 naming its path.
 */
record ResponseFormat(Type type, JsonNode schema) {

    /** The wire names of {@code response_format.type}. */
    enum Type {
        TEXT("text"), JSON_OBJECT("json_object"), JSON_SCHEMA("json_schema");

        final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        static Type fromWire(String name) {
            for (Type t : values()) {
                if (t.wireName.equals(name)) {
                    return t;
                }
            }
            throw OpenAiException.invalid("response_format.type", "response_format.type must be text, "
                    + "json_object or json_schema");
        }
    }

    static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null);

    static ResponseFormat read(JsonNode body) {
        JsonNode rf = body.get("response_format");
        if (rf == null || rf.isNull()) {
            return TEXT;
        }
        if (!rf.isObject() || !rf.path("type").isString()) {
            throw OpenAiException.invalid("response_format", "response_format must be {\"type\": \"text\" | "
                    + "\"json_object\" | \"json_schema\", ...}");
        }
        String type = rf.get("type").asString();
        for (String f : rf.propertyNames()) {
            if (!f.equals("type") && !(f.equals("json_schema") && type.equals("json_schema"))) {
                throw OpenAiException.invalid("response_format." + f, "unknown field of response_format");
            }
        }
        return switch (Type.fromWire(type)) {
            case TEXT -> TEXT;
            case JSON_OBJECT -> new ResponseFormat(Type.JSON_OBJECT, null);
            case JSON_SCHEMA -> new ResponseFormat(Type.JSON_SCHEMA, jsonSchema(rf.get("json_schema")));
        };
    }

    private static JsonNode jsonSchema(JsonNode js) {
        String field = "response_format.json_schema";
        if (js == null || !js.isObject()) {
            throw OpenAiException.invalid(field, "json_schema must be {\"name\": ..., \"schema\": {...}}");
        }
        for (String f : js.propertyNames()) {
            if (!f.equals("name") && !f.equals("schema") && !f.equals("strict") && !f.equals("description")) {
                throw OpenAiException.invalid(field + "." + f, "unknown field of json_schema");
            }
        }
        JsonNode name = js.get("name");
        if (name == null || !name.isString() || !name.asString().matches("[A-Za-z0-9_-]{1,64}")) {
            throw OpenAiException.invalid(field + ".name", "name is required: 1 to 64 letters, digits, _ or -");
        }
        JsonNode strict = js.get("strict");
        if (strict != null && !strict.isNull() && !strict.isBoolean()) {
            throw OpenAiException.invalid(field + ".strict", "strict must be a boolean");
        }
        JsonNode description = js.get("description");
        if (description != null && !description.isNull() && !description.isString()) {
            throw OpenAiException.invalid(field + ".description", "description must be a string");
        }
        JsonNode schema = js.get("schema");
        if (schema != null && !schema.isNull() && !schema.isObject()) {
            throw OpenAiException.invalid(field + ".schema", "schema must be a JSON Schema object");
        }
        return schema == null || schema.isNull() ? null : schema;
    }

    boolean constrained() {
        return type != Type.TEXT;
    }

    /** The constraint (null for text); {@code vocab} null means the model has no tokenizer. */
    TokenConstraint.Factory constraint(TokenVocabulary vocab) {
        if (!constrained()) {
            return null;
        }
        if (vocab == null) {
            throw OpenAiException.invalid("response_format", "structured output needs a model with a tokenizer");
        }
        try {
            return schema == null ? StructuredOutput.anyJsonObject(vocab)
                    : StructuredOutput.jsonSchema(schema, vocab, "response_format.json_schema.schema");
        } catch (FieldErrorException e) {
            throw OpenAiException.invalid(e.errors().getFirst().field(), e.errors().getFirst().message());
        }
    }
}

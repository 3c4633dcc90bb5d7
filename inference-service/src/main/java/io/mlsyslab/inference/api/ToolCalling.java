package io.mlsyslab.inference.api;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.inference.engine.TokenConstraint;
import io.mlsyslab.inference.structured.StructuredOutput;
import io.mlsyslab.inference.structured.TokenVocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat request's {@code tools} and {@code tool_choice}. A call is generated as one JSON object
 * {@code {"name": <function>, "arguments": {...}}} between the template's {@value #OPEN} and {@value #CLOSE}
 * markers: with {@code required} or a named function the answer starts inside the marker and is constrained to the
 * calls' schema from its first token; with {@code auto} the model writes freely and, once it writes
 * {@value #OPEN}, the rest is constrained to a call; with {@code none} no call is made and the tools are not shown.
 * One call per answer ({@code parallel_tool_calls} allows several; one is a valid answer to both settings).
 */
record ToolCalling(List<Tool> tools, Choice choice, String named) {
    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";
    static final int MAX_TOOLS = 128;

    /** {@code tool_choice}, by its wire names. */
    enum Choice {
        NONE("none"), AUTO("auto"), REQUIRED("required"), NAMED("function");

        final String wireName;

        Choice(String wireName) {
            this.wireName = wireName;
        }

        /** The choices written as a string (a named function is an object). */
        static Choice fromWire(String name) {
            for (Choice c : values()) {
                if (c != NAMED && c.wireName.equals(name)) {
                    return c;
                }
            }
            throw OpenAiException.invalid("tool_choice", "tool_choice must be none, auto, required or "
                    + "{\"type\": \"function\", \"function\": {\"name\": ...}}");
        }
    }

    /** One function a call may name. */
    record Tool(String name, String description, JsonNode parameters) {
    }

    /** The request's tools, or null when it names none (then {@code tool_choice} must be absent or none). */
    static ToolCalling read(JsonNode body) {
        JsonNode t = body.get("tools");
        JsonNode tc = body.get("tool_choice");
        JsonNode parallel = body.get("parallel_tool_calls");
        if (parallel != null && !parallel.isNull() && !parallel.isBoolean()) {
            throw OpenAiException.invalid("parallel_tool_calls", "parallel_tool_calls must be a boolean");
        }
        if (t == null || t.isNull()) {
            if (tc != null && !tc.isNull() && !(tc.isString() && tc.asString().equals("none"))) {
                throw OpenAiException.invalid("tool_choice", "tool_choice needs tools");
            }
            return null;
        }
        if (!t.isArray() || t.isEmpty() || t.size() > MAX_TOOLS) {
            throw OpenAiException.invalid("tools", "tools must be a list of 1 to " + MAX_TOOLS + " functions");
        }
        List<Tool> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            Tool tool = tool(t.get(i), "tools[" + i + "]");
            if (!names.add(tool.name())) {
                throw OpenAiException.invalid("tools[" + i + "].function.name", "duplicate function name '"
                        + tool.name() + "'");
            }
            tools.add(tool);
        }
        Choice choice = Choice.AUTO;
        String named = null;
        if (tc != null && !tc.isNull()) {
            if (tc.isString()) {
                choice = Choice.fromWire(tc.asString());
            } else if (tc.isObject() && "function".equals(tc.path("type").asString(null))
                    && tc.path("function").path("name").isString()) {
                choice = Choice.NAMED;
                named = tc.get("function").get("name").asString();
                if (!names.contains(named)) {
                    throw OpenAiException.invalid("tool_choice.function.name", "no tool is named '"
                            + named.substring(0, Math.min(64, named.length())) + "'");
                }
            } else {
                throw OpenAiException.invalid("tool_choice", "tool_choice must be none, auto, required or "
                        + "{\"type\": \"function\", \"function\": {\"name\": ...}}");
            }
        }
        return new ToolCalling(List.copyOf(tools), choice, named);
    }

    private static Tool tool(JsonNode t, String field) {
        if (!t.isObject() || !"function".equals(t.path("type").asString(null)) || !t.path("function").isObject()) {
            throw OpenAiException.invalid(field, "a tool must be {\"type\": \"function\", \"function\": {...}}");
        }
        JsonNode f = t.get("function");
        JsonNode name = f.get("name");
        if (name == null || !name.isString() || !name.asString().matches("[A-Za-z0-9_-]{1,64}")) {
            throw OpenAiException.invalid(field + ".function.name", "a function name is 1 to 64 letters, digits, "
                    + "_ or -");
        }
        JsonNode description = f.get("description");
        if (description != null && !description.isNull() && !description.isString()) {
            throw OpenAiException.invalid(field + ".function.description", "description must be a string");
        }
        JsonNode strict = f.get("strict");
        if (strict != null && !strict.isNull() && !strict.isBoolean()) {
            throw OpenAiException.invalid(field + ".function.strict", "strict must be a boolean");
        }
        JsonNode parameters = f.get("parameters");
        if (parameters == null || parameters.isNull()) {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            empty.put("type", "object");
            empty.putObject("properties");
            empty.put("additionalProperties", false);
            parameters = empty;
        } else if (!parameters.isObject()) {
            throw OpenAiException.invalid(field + ".function.parameters", "parameters must be a JSON Schema object");
        }
        return new Tool(name.asString(), description == null || description.isNull() ? null : description.asString(),
                parameters);
    }

    /** Whether the answer may or must be a call. */
    boolean active() {
        return choice != Choice.NONE;
    }

    /** Whether the answer starts inside the call marker, constrained from its first token. */
    boolean forced() {
        return choice == Choice.REQUIRED || choice == Choice.NAMED;
    }

    /**
     * The constraint of the answer (null for {@code none}). Each function's parameters are compiled on their own
     * first, so an unsupported keyword is a 400 naming {@code tools[i].function.parameters...}.
     */
    TokenConstraint.Factory constraint(TokenVocabulary vocab) {
        if (!active()) {
            return null;
        }
        for (int i = 0; i < tools.size(); i++) {
            try {
                StructuredOutput.jsonSchema(tools.get(i).parameters(), vocab, "tools[" + i + "].function.parameters");
            } catch (FieldErrorException e) {
                throw OpenAiException.invalid(e.errors().getFirst().field(), e.errors().getFirst().message());
            }
        }
        TokenConstraint.Factory call = StructuredOutput.jsonSchema(callSchema(), vocab, "tools");
        return forced() ? call : StructuredOutput.triggered(OPEN, call, vocab);
    }

    /** {@code {"name": const, "arguments": parameters}} per callable function, as one schema (anyOf for several). */
    JsonNode callSchema() {
        List<ObjectNode> alternatives = new ArrayList<>();
        for (Tool t : tools) {
            if (choice == Choice.NAMED && !t.name().equals(named)) {
                continue;
            }
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("type", "object");
            ObjectNode props = s.putObject("properties");
            props.putObject("name").put("const", t.name());
            props.set("arguments", t.parameters());
            ArrayNode required = s.putArray("required");
            required.add("name");
            required.add("arguments");
            s.put("additionalProperties", false);
            alternatives.add(s);
        }
        if (alternatives.size() == 1) {
            return alternatives.getFirst();
        }
        ObjectNode any = JsonNodeFactory.instance.objectNode();
        ArrayNode list = any.putArray("anyOf");
        alternatives.forEach(list::add);
        return any;
    }

    /** The template's tool block (after the system messages): what may be called and how. */
    String promptBlock() {
        StringBuilder sb = new StringBuilder("Tools: to call one, answer " + OPEN
                + "{\"name\": <name>, \"arguments\": <arguments>}" + CLOSE + "\n");
        for (Tool t : tools) {
            ObjectNode spec = JsonNodeFactory.instance.objectNode();
            spec.put("name", t.name());
            if (t.description() != null) {
                spec.put("description", t.description());
            }
            spec.set("parameters", t.parameters());
            sb.append(spec).append('\n');
        }
        return sb.append('\n').toString();
    }
}

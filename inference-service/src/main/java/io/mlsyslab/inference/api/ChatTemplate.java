package io.mlsyslab.inference.api;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The plain chat template for base models (documented in docs/openai-api.md): system (or developer) messages
 * first as plain paragraphs, then the tool block when tools may be called, then one line per turn,
 * {@code User: ...} / {@code Assistant: ...} / {@code Tool: ...}, ending with {@code Assistant:} for the model to
 * continue ({@code Assistant: <tool_call>} when a call is required). An assistant turn's tool calls are written as
 * {@code <tool_call>{"name": ..., "arguments": ...}</tool_call>}. Generation stops at {@value #TURN_STOP} as well
 * as at the request's own stop strings.
 */
final class ChatTemplate {
    static final String TURN_STOP = "\nUser:";

    private ChatTemplate() {
    }

    static String render(JsonNode messages) {
        return render(messages, null);
    }

    /** The prompt of {@code messages}; {@code tools} null or inactive: no tool block. */
    static String render(JsonNode messages, ToolCalling tools) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw OpenAiException.invalid("messages", "messages must be a non-empty list");
        }
        StringBuilder system = new StringBuilder();
        StringBuilder turns = new StringBuilder();
        int i = 0;
        for (JsonNode m : messages) {
            String field = "messages[" + i + "]";
            if (!m.isObject()) {
                throw OpenAiException.invalid(field, "a message must be an object");
            }
            String role = m.path("role").isString() ? m.get("role").asString() : null;
            switch (role == null ? "" : role) {
                case "system", "developer" -> system.append(content(m.get("content"), field)).append("\n\n");
                case "user" -> turns.append("User: ").append(content(m.get("content"), field)).append('\n');
                case "assistant" -> turns.append("Assistant: ").append(content(m.get("content"), field))
                        .append(toolCalls(m.get("tool_calls"), field)).append('\n');
                case "tool" -> {
                    JsonNode id = m.get("tool_call_id");
                    if (id == null || !id.isString() || id.asString().isEmpty()) {
                        throw OpenAiException.invalid(field + ".tool_call_id", "a tool message needs the "
                                + "tool_call_id it answers");
                    }
                    turns.append("Tool: ").append(content(m.get("content"), field)).append('\n');
                }
                default -> throw OpenAiException.invalid(field + ".role",
                        "role must be one of system, developer, user, assistant, tool");
            }
            i++;
        }
        String tail = "Assistant:";
        if (tools != null && tools.active()) {
            system.append(tools.promptBlock());
            if (tools.forced()) {
                tail = "Assistant: " + ToolCalling.OPEN;
            }
        }
        return system + turns.toString() + tail;
    }

    private static String content(JsonNode c, String field) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isString()) {
            return c.asString();
        }
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asString(null)) || !part.path("text").isString()) {
                    throw OpenAiException.invalid(field + ".content", "only text content parts are supported");
                }
                sb.append(part.get("text").asString());
            }
            return sb.toString();
        }
        throw OpenAiException.invalid(field + ".content", "content must be a string or a list of parts");
    }

    /** An assistant turn's earlier tool calls, in the form the model is asked to produce. */
    private static String toolCalls(JsonNode calls, String field) {
        if (calls == null || calls.isNull()) {
            return "";
        }
        if (!calls.isArray()) {
            throw OpenAiException.invalid(field + ".tool_calls", "tool_calls must be a list");
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < calls.size(); j++) {
            JsonNode f = calls.get(j).path("function");
            String at = field + ".tool_calls[" + j + "]";
            if (!f.path("name").isString() || !f.path("arguments").isString()) {
                throw OpenAiException.invalid(at + ".function", "a tool call needs function.name and "
                        + "function.arguments (a JSON string)");
            }
            // the arguments are the JSON text the client sent back, written as JSON, not as a quoted string
            String text = "{\"name\":" + JsonNodeFactory.instance.stringNode(f.get("name").asString())
                    + ",\"arguments\":" + f.get("arguments").asString() + "}";
            sb.append(ToolCalling.OPEN).append(text).append(ToolCalling.CLOSE);
        }
        return sb.toString();
    }

    static List<String> withTurnStop(List<String> stop) {
        if (stop.contains(TURN_STOP)) {
            return stop;
        }
        List<String> all = new ArrayList<>(stop);
        all.add(TURN_STOP);
        return all;
    }
}

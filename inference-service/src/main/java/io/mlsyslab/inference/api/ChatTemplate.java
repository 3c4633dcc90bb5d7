package io.mlsyslab.inference.api;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The plain chat template for base models (documented in docs/openai-api.md): system (or developer) messages
 * first as plain paragraphs, then one line per turn, {@code User: ...} / {@code Assistant: ...}, ending with
 * {@code Assistant:} for the model to continue. Generation stops at {@value #TURN_STOP} as well as at the request's
 * own stop strings.
 */
final class ChatTemplate {
    static final String TURN_STOP = "\nUser:";

    private ChatTemplate() {
    }

    static String render(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw OpenAiException.invalid("messages", "messages must be a non-empty list");
        }
        StringBuilder system = new StringBuilder();
        StringBuilder turns = new StringBuilder();
        int i = 0;
        for (JsonNode m : messages) {
            String role = m.path("role").isString() ? m.get("role").asString() : null;
            String content = content(m.get("content"), i);
            switch (role == null ? "" : role) {
                case "system", "developer" -> system.append(content).append("\n\n");
                case "user" -> turns.append("User: ").append(content).append('\n');
                case "assistant" -> turns.append("Assistant: ").append(content).append('\n');
                default -> throw OpenAiException.invalid("messages[" + i + "].role",
                        "role must be one of system, developer, user, assistant");
            }
            i++;
        }
        return system + turns.toString() + "Assistant:";
    }

    private static String content(JsonNode c, int i) {
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
                    throw OpenAiException.invalid("messages[" + i + "].content",
                            "only text content parts are supported");
                }
                sb.append(part.get("text").asString());
            }
            return sb.toString();
        }
        throw OpenAiException.invalid("messages[" + i + "].content", "content must be a string or a list of parts");
    }

    static List<String> withTurnStop(List<String> stop) {
        if (stop.contains(TURN_STOP)) {
            return stop;
        }
        java.util.ArrayList<String> all = new java.util.ArrayList<>(stop);
        all.add(TURN_STOP);
        return all;
    }
}

package io.mlsyslab.inference.api;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat choice's generated text read as OpenAI's assistant message when tools may be called: the text before
 * {@value ToolCalling#OPEN} is {@code content} (null when blank), the JSON after it a tool call. A call cut off by
 * {@code max_tokens} is no call: the text stays content and the finish reason stays {@code length}.
 */
final class ToolCallOutput {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The message: content (or null) and at most one call (or none). */
    record Message(String content, Map<String, Object> call) {
        String finishReason(String engineReason) {
            return call != null ? "tool_calls" : engineReason;
        }

        List<Map<String, Object>> toolCalls() {
            return call == null ? null : List.of(call);
        }
    }

    private final ToolCalling tools;
    private final StringBuilder text = new StringBuilder();
    private int contentSent;
    private boolean inCall;

    ToolCallOutput(ToolCalling tools) {
        this.tools = tools;
        this.inCall = tools.forced();
    }

    /** Reads a whole generated text. */
    static Message read(ToolCalling tools, String generated) {
        ToolCallOutput out = new ToolCallOutput(tools);
        out.text.append(generated);
        return out.finish();
    }

    /**
     * Streaming: takes the next piece of generated text and returns the content that can be sent now — all of it
     * but a tail that may be the start of {@value ToolCalling#OPEN}, nothing once a call began.
     */
    String content(String piece) {
        text.append(piece);
        if (inCall) {
            return "";
        }
        int open = text.indexOf(ToolCalling.OPEN, Math.max(0, contentSent - ToolCalling.OPEN.length()));
        int safe;
        if (open >= 0) {
            inCall = true;
            safe = open;
        } else {
            safe = text.length() - pendingMarkerPrefix();
        }
        String out = safe > contentSent ? text.substring(contentSent, safe) : "";
        contentSent = Math.max(contentSent, safe);
        return out;
    }

    /** The message once generation ended; when streaming, its content is what {@link #content} held back. */
    Message finish() {
        String all = text.toString();
        int open = tools.forced() ? 0 : all.indexOf(ToolCalling.OPEN);
        if (open < 0) {
            return new Message(all.substring(Math.min(contentSent, all.length())), null);
        }
        String json = all.substring(tools.forced() ? 0 : open + ToolCalling.OPEN.length());
        Map<String, Object> call = call(json);
        if (call == null) {
            return new Message(all.substring(Math.min(contentSent, all.length())), null);
        }
        String before = all.substring(Math.min(contentSent, open), open);
        return new Message(before.isBlank() ? null : before, call);
    }

    private int pendingMarkerPrefix() {
        String m = ToolCalling.OPEN;
        for (int k = Math.min(m.length() - 1, text.length()); k > 0; k--) {
            if (text.substring(text.length() - k).equals(m.substring(0, k))) {
                return k;
            }
        }
        return 0;
    }

    /** OpenAI's {@code tool_calls[]} entry, or null when the text is not a whole call. */
    private static Map<String, Object> call(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
        if (node == null || !node.path("name").isString() || !node.has("arguments")) {
            return null;
        }
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", node.get("name").asString());
        function.put("arguments", JSON.writeValueAsString(node.get("arguments")));
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", callId());
        call.put("type", "function");
        call.put("function", function);
        return call;
    }

    private static String callId() {
        StringBuilder sb = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

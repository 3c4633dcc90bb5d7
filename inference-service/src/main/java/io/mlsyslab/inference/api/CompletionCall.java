package io.mlsyslab.inference.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One completion or chat-completion call: its id, object name, sampling parameters and prompts, the tools a chat
 * answer may call (null: none), and the parts of the response bodies that depend only on the call (head, usage,
 * stream chunk envelope).
 */
record CompletionCall(String id, String object, SamplingParams params, List<int[]> prompts, boolean chat,
                      ToolCalling tools) {

    /** Whether a chat answer is read for tool calls. */
    boolean callsTools() {
        return chat && tools != null && tools.active();
    }

    int choices() {
        return prompts.size() * params.n();
    }

    int promptTokens() {
        int n = 0;
        for (int[] p : prompts) {
            n += p.length;
        }
        return n;
    }

    Map<String, Object> head(long created) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", object);
        body.put("created", created);
        body.put("model", params.model());
        if (params.seeded()) {
            body.put("system_fingerprint", "mlsys-lab");
        }
        return body;
    }

    /** A streamed chunk carrying one choice's delta. */
    Map<String, Object> chunk(long created, Map<String, Object> choice) {
        Map<String, Object> body = head(created);
        body.put("object", chunkObject());
        body.put("choices", List.of(choice));
        if (params.includeUsage()) {
            body.put("usage", null);
        }
        return body;
    }

    String chunkObject() {
        return chat ? "chat.completion.chunk" : "text_completion";
    }

    static Map<String, Object> usage(int prompt, int completion) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        return u;
    }
}

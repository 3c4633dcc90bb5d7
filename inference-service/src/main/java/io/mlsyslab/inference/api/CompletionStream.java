package io.mlsyslab.inference.api;

import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/** A streamed response: one server-sent event per engine event, the usage chunk if asked for, then [DONE]. */
final class CompletionStream {
    private final JsonMapper json;
    private final SseEmitter emitter;

    CompletionStream(JsonMapper json, SseEmitter emitter) {
        this.json = json;
        this.emitter = emitter;
    }

    void send(Tokenizer tokenizer, CompletionCall call, GenerationEvents events, long created)
            throws IOException, InterruptedException {
        int choices = call.choices();
        int finished = 0, completionTokens = 0;
        ToolCallOutput[] toolOutputs = new ToolCallOutput[choices];
        if (call.callsTools()) {
            for (int i = 0; i < choices; i++) {
                toolOutputs[i] = new ToolCallOutput(call.tools());
            }
        }
        if (call.chat()) {
            for (int i = 0; i < choices; i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("index", i);
                c.put("delta", Map.of("role", "assistant", "content", ""));
                c.put("logprobs", null);
                c.put("finish_reason", null);
                send(call.chunk(created, c));
            }
        }
        while (finished < choices) {
            GenerationEvents.Event e = events.queue.take();
            if (e.error() != null) {
                OpenAiException oe = EngineFailures.of(e.error());
                send(Map.of("error", Map.of("message", oe.getMessage(), "type", oe.type())));
                emitter.complete();
                return;
            }
            ChoiceOutput s = new ChoiceOutput();
            s.add(e.tokens(), tokenizer);
            completionTokens += s.generated;
            if (e.finishReason() != null) {
                s.text.append(e.trailing());
                finished++;
            }
            if (s.tokenIds.isEmpty() && s.text.isEmpty() && e.finishReason() == null) {
                continue;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", e.index());
            String finish = e.finishReason();
            ToolCallOutput tools = toolOutputs[e.index()];
            if (tools != null) {
                String content = tools.content(s.text.toString());
                Map<String, Object> delta = new LinkedHashMap<>();
                if (finish != null) {
                    ToolCallOutput.Message m = tools.finish();
                    content = content + (m.content() == null ? "" : m.content());
                    if (m.call() != null) {
                        delta.put("tool_calls", List.of(streamedCall(m.call())));
                    }
                    finish = m.finishReason(finish);
                }
                if (!content.isEmpty()) {
                    delta.put("content", content);
                }
                c.put("delta", delta);
                c.put("logprobs", s.chatLogprobs());
            } else if (call.chat()) {
                c.put("delta", s.text.isEmpty() ? Map.of() : Map.of("content", s.text.toString()));
                c.put("logprobs", s.chatLogprobs());
            } else {
                c.put("text", s.text.toString());
                c.put("logprobs", s.logprobs());
            }
            c.put("finish_reason", finish);
            c.put("token_ids", s.tokenIds);
            send(call.chunk(created, c));
        }
        if (call.params().includeUsage()) {
            Map<String, Object> last = call.head(created);
            last.put("object", call.chunkObject());
            last.put("choices", List.of());
            last.put("usage", CompletionCall.usage(call.promptTokens(), completionTokens));
            send(last);
        }
        emitter.send(SseEmitter.event().data("[DONE]"));
        emitter.complete();
    }

    /** A whole call as one streamed delta: OpenAI's deltas carry {@code index} and add up to the call. */
    private static Map<String, Object> streamedCall(Map<String, Object> call) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("index", 0);
        d.putAll(call);
        return d;
    }

    private void send(Map<String, Object> body) throws IOException {
        emitter.send(SseEmitter.event().data(json.writeValueAsString(body)));
    }
}

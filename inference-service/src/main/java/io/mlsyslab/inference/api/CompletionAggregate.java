package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A non-streamed response: waits for every choice to finish and builds the completion body. */
final class CompletionAggregate {
    private CompletionAggregate() {
    }

    static Map<String, Object> await(Tokenizer tokenizer, CompletionCall call, GenerationEvents events,
                                     List<InferenceEngine.Handle> handles, long created) {
        int choices = call.choices();
        ChoiceOutput[] state = new ChoiceOutput[choices];
        for (int i = 0; i < choices; i++) {
            state[i] = new ChoiceOutput();
        }
        int finished = 0;
        try {
            while (finished < choices) {
                GenerationEvents.Event e = events.queue.take();
                if (e.error() != null) {
                    throw EngineFailures.of(e.error());
                }
                ChoiceOutput s = state[e.index()];
                s.add(e.tokens(), tokenizer);
                if (e.finishReason() != null) {
                    s.text.append(e.trailing());
                    s.finish = e.finishReason();
                    finished++;
                }
            }
        } catch (InterruptedException ex) {
            handles.forEach(InferenceEngine.Handle::cancel);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int completionTokens = 0;
        for (int i = 0; i < choices; i++) {
            ChoiceOutput s = state[i];
            completionTokens += s.generated;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            String finish = s.finish;
            if (call.callsTools()) {
                ToolCallOutput.Message m = ToolCallOutput.read(call.tools(), s.text.toString());
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("role", "assistant");
                message.put("content", m.content());
                if (m.call() != null) {
                    message.put("tool_calls", m.toolCalls());
                }
                c.put("message", message);
                c.put("logprobs", s.chatLogprobs());
                finish = m.finishReason(finish);
            } else if (call.chat()) {
                c.put("message", Map.of("role", "assistant", "content", s.text.toString()));
                c.put("logprobs", s.chatLogprobs());
            } else {
                c.put("text", s.text.toString());
                c.put("logprobs", s.logprobs());
            }
            c.put("finish_reason", finish);
            c.put("token_ids", s.tokenIds);
            out.add(c);
        }
        Map<String, Object> body = call.head(created);
        body.put("choices", out);
        body.put("usage", CompletionCall.usage(call.promptTokens(), completionTokens));
        return body;
    }
}

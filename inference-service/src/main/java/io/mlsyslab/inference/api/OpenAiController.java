package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.AdmissionRefusedException;
import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.inference.serving.KvOffload;
import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.TokenOutput;
import io.mlsyslab.inference.persistence.ModelEntity;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible API (what vLLM and SGLang serve): {@code GET /v1/models}, {@code POST /v1/completions},
 * {@code POST /v1/chat/completions}, streamed as server-sent events when {@code stream} is true. See
 * docs/openai-api.md.
 */
@RestController
@RequestMapping("${mlsyslab.api-prefix}/v1")
public class OpenAiController {
    private static final long STREAM_TIMEOUT_MS = 2 * 60 * 60 * 1000L;

    private final ModelStore store;
    private final EngineManager engines;
    private final JsonMapper json;
    private final Semaphore streams;

    public OpenAiController(ModelStore store, EngineManager engines, JsonMapper json,
                            io.mlsyslab.inference.config.InferenceProperties properties) {
        this.store = store;
        this.engines = engines;
        this.json = json;
        this.streams = new Semaphore(properties.maxStreams());
    }

    @GetMapping("/models")
    public Map<String, Object> models() {
        List<Map<String, Object>> data = new ArrayList<>();
        for (ModelEntity m : store.list()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", m.getId());
            e.put("object", "model");
            e.put("created", m.getCreatedAt().getEpochSecond());
            e.put("owned_by", "mlsys-lab");
            e.put("max_model_len", m.getNPositions());
            data.add(e);
        }
        return Map.of("object", "list", "data", data);
    }

    @PostMapping(path = "/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Object completions(@RequestBody JsonNode body) {
        requireObject(body);
        SamplingParams params = SamplingParams.read(body, "max_tokens", 16);
        InferenceEngine engine = engine(params.model(), kvOffload(body));
        Tokenizer tokenizer = engine.tokenizer();
        List<int[]> prompts = prompts(body.get("prompt"), tokenizer);
        Integer logprobs = null;
        if (body.has("logprobs") && !body.get("logprobs").isNull()) {
            logprobs = SamplingParams.integer(body, "logprobs", 0, 0, 20);
        }
        boolean echo = SamplingParams.bool(body, "echo", false);
        Call call = new Call("cmpl-" + UUID.randomUUID(), "text_completion", params, prompts, false);
        List<GenerationRequest> requests = new ArrayList<>();
        for (int[] p : prompts) {
            requests.add(params.request(p, logprobs, echo));
        }
        return run(engine, call, requests);
    }

    @PostMapping(path = "/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Object chatCompletions(@RequestBody JsonNode body) {
        requireObject(body);
        SamplingParams params = SamplingParams.read(body, "max_tokens", Integer.MAX_VALUE);
        InferenceEngine engine = engine(params.model(), kvOffload(body));
        Tokenizer tokenizer = engine.tokenizer();
        if (tokenizer == null) {
            throw OpenAiException.invalid("model", "model '" + params.model()
                    + "' has no tokenizer; use /v1/completions with token ids");
        }
        String prompt = ChatTemplate.render(body.get("messages"));
        int[] ids = tokenizer.encode(prompt);
        int maxTokens = params.maxTokens() == Integer.MAX_VALUE
                ? Math.max(1, Math.min(engine.model().config().nPositions(), engine.kvCapacityPositions())
                - ids.length) : params.maxTokens();
        Integer logprobs = null;
        if (SamplingParams.bool(body, "logprobs", false)) {
            logprobs = SamplingParams.integer(body, "top_logprobs", 0, 0, 20);
        } else if (body.has("top_logprobs") && !body.get("top_logprobs").isNull()) {
            throw OpenAiException.invalid("top_logprobs", "top_logprobs needs logprobs: true");
        }
        SamplingParams chat = new SamplingParams(params.model(), maxTokens, params.sampling(), params.n(),
                ChatTemplate.withTurnStop(params.stop()), params.stream(), params.includeUsage(), params.ignoreEos(),
                params.seeded());
        Call call = new Call("chatcmpl-" + UUID.randomUUID(), "chat.completion", chat, List.of(ids), true);
        return run(engine, call, List.of(chat.request(ids, logprobs, false)));
    }

    private record Call(String id, String object, SamplingParams params, List<int[]> prompts, boolean chat) {
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
    }

    private Object run(InferenceEngine engine, Call call, List<GenerationRequest> requests) {
        GenerationEvents events = new GenerationEvents();
        List<InferenceEngine.Handle> handles = new ArrayList<>();
        boolean stream = call.params().stream();
        if (stream && !streams.tryAcquire()) {
            throw OpenAiException.overloaded("too many open streams", 1);
        }
        try {
            for (int i = 0; i < requests.size(); i++) {
                handles.add(engine.submit(requests.get(i), events.listener(i * call.params().n())));
            }
        } catch (RuntimeException e) {
            handles.forEach(InferenceEngine.Handle::cancel);
            if (stream) {
                streams.release();
            }
            throw e;
        }
        long created = Instant.now().getEpochSecond();
        if (!stream) {
            return aggregate(engine, call, events, handles, created);
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Runnable cancel = () -> handles.forEach(InferenceEngine.Handle::cancel);
        emitter.onCompletion(cancel);
        emitter.onTimeout(cancel);
        emitter.onError(t -> cancel.run());
        Thread.ofVirtual().name("completion-stream-" + call.id()).start(() -> {
            try {
                streamEvents(engine, call, events, emitter, created);
            } catch (IOException | IllegalStateException e) {
                cancel.run();
            } catch (InterruptedException e) {
                cancel.run();
                Thread.currentThread().interrupt();
            } finally {
                streams.release();
            }
        });
        return emitter;
    }

    private Map<String, Object> aggregate(InferenceEngine engine, Call call, GenerationEvents events,
                                          List<InferenceEngine.Handle> handles, long created) {
        int choices = call.choices();
        ChoiceState[] state = new ChoiceState[choices];
        for (int i = 0; i < choices; i++) {
            state[i] = new ChoiceState();
        }
        int finished = 0;
        try {
            while (finished < choices) {
                GenerationEvents.Event e = events.queue.take();
                if (e.error() != null) {
                    throw engineFailure(e.error());
                }
                ChoiceState s = state[e.index()];
                s.add(e.tokens(), engine.tokenizer());
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
            ChoiceState s = state[i];
            completionTokens += s.generated;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", i);
            if (call.chat()) {
                c.put("message", Map.of("role", "assistant", "content", s.text.toString()));
                c.put("logprobs", s.chatLogprobs());
            } else {
                c.put("text", s.text.toString());
                c.put("logprobs", s.logprobs());
            }
            c.put("finish_reason", s.finish);
            c.put("token_ids", s.tokenIds);
            out.add(c);
        }
        Map<String, Object> body = head(call, created);
        body.put("choices", out);
        body.put("usage", usage(call.promptTokens(), completionTokens));
        return body;
    }

    private void streamEvents(InferenceEngine engine, Call call, GenerationEvents events, SseEmitter emitter,
                              long created) throws IOException, InterruptedException {
        int choices = call.choices();
        int finished = 0, completionTokens = 0;
        if (call.chat()) {
            for (int i = 0; i < choices; i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("index", i);
                c.put("delta", Map.of("role", "assistant", "content", ""));
                c.put("logprobs", null);
                c.put("finish_reason", null);
                send(emitter, chunk(call, created, c));
            }
        }
        while (finished < choices) {
            GenerationEvents.Event e = events.queue.take();
            if (e.error() != null) {
                OpenAiException oe = engineFailure(e.error());
                send(emitter, Map.of("error", Map.of("message", oe.getMessage(), "type", oe.type())));
                emitter.complete();
                return;
            }
            ChoiceState s = new ChoiceState();
            s.add(e.tokens(), engine.tokenizer());
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
            if (call.chat()) {
                c.put("delta", s.text.isEmpty() ? Map.of() : Map.of("content", s.text.toString()));
                c.put("logprobs", s.chatLogprobs());
            } else {
                c.put("text", s.text.toString());
                c.put("logprobs", s.logprobs());
            }
            c.put("finish_reason", e.finishReason());
            c.put("token_ids", s.tokenIds);
            send(emitter, chunk(call, created, c));
        }
        if (call.params().includeUsage()) {
            Map<String, Object> last = head(call, created);
            last.put("object", call.chat() ? "chat.completion.chunk" : "text_completion");
            last.put("choices", List.of());
            last.put("usage", usage(call.promptTokens(), completionTokens));
            send(emitter, last);
        }
        emitter.send(SseEmitter.event().data("[DONE]"));
        emitter.complete();
    }

    private Map<String, Object> chunk(Call call, long created, Map<String, Object> choice) {
        Map<String, Object> body = head(call, created);
        body.put("object", call.chat() ? "chat.completion.chunk" : "text_completion");
        body.put("choices", List.of(choice));
        if (call.params().includeUsage()) {
            body.put("usage", null);
        }
        return body;
    }

    private void send(SseEmitter emitter, Map<String, Object> body) throws IOException {
        emitter.send(SseEmitter.event().data(json.writeValueAsString(body)));
    }

    private static Map<String, Object> head(Call call, long created) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", call.id());
        body.put("object", call.object());
        body.put("created", created);
        body.put("model", call.params().model());
        if (call.params().seeded()) {
            body.put("system_fingerprint", "mlsys-lab");
        }
        return body;
    }

    private static Map<String, Object> usage(int prompt, int completion) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        return u;
    }

    private static OpenAiException engineFailure(RuntimeException e) {
        if (e instanceof AdmissionRefusedException a) {
            return OpenAiException.overloaded(a.getMessage(), a.retryAfterSeconds());
        }
        if (e instanceof KvUpstreamException u) {
            return upstream(u);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                // each served model's engine holds its own KV pool: a full memory is a state the client can change
                // (delete models, retry later), never a server error
                return OpenAiException.overloaded("not enough memory for this model's KV cache pool ("
                        + t.getMessage() + "); delete models that are not needed (DELETE /api/inference/models/{id}) "
                        + "or lower mlsyslab.inference.kv-cache-bytes", 5);
            }
        }
        return new OpenAiException(500, "server_error", null, null, "the engine failed: " + e.getMessage(), null);
    }

    /** storage-service failed (502) or is unreachable, timed out or not configured (503). */
    private static OpenAiException upstream(KvUpstreamException u) {
        return u.status() == 0
                ? new OpenAiException(503, "server_error", "kvOffload", "kv_storage_unavailable", u.getMessage(), 5)
                : new OpenAiException(502, "server_error", "kvOffload", "kv_storage_failed", u.getMessage(), null);
    }

    /** The extension field {@code kvOffload}: {@code none} or {@code storage}; absent: the model's default. */
    private static KvOffload kvOffload(JsonNode body) {
        JsonNode v = body.get("kvOffload");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw OpenAiException.invalid("kvOffload", "kvOffload must be 'none' or 'storage'");
        }
        try {
            return KvOffload.parse("kvOffload", v.asString());
        } catch (IllegalArgumentException e) {
            throw OpenAiException.invalid("kvOffload", e.getMessage());
        }
    }

    private InferenceEngine engine(String model, KvOffload kvOffload) {
        try {
            return engines.engine(model, kvOffload).orElseThrow(() -> OpenAiException.modelNotFound(model));
        } catch (KvUpstreamException e) {
            throw upstream(e);
        }
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OpenAiException.invalid(null, "request body must be a JSON object");
        }
    }

    /** A prompt is a string, a list of token ids, or a list of either. */
    static List<int[]> prompts(JsonNode prompt, Tokenizer tokenizer) {
        if (prompt == null || prompt.isNull()) {
            throw OpenAiException.invalid("prompt", "prompt is required");
        }
        List<int[]> out = new ArrayList<>();
        if (prompt.isString()) {
            out.add(encode(prompt.asString(), tokenizer, "prompt"));
        } else if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
            out.add(ids(prompt, "prompt"));
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            int i = 0;
            for (JsonNode p : prompt) {
                String field = "prompt[" + i++ + "]";
                if (p.isString()) {
                    out.add(encode(p.asString(), tokenizer, field));
                } else if (p.isArray()) {
                    out.add(ids(p, field));
                } else {
                    throw OpenAiException.invalid(field, "must be a string or a list of token ids");
                }
            }
        } else {
            throw OpenAiException.invalid("prompt", "prompt must be a string, a list of token ids or a non-empty list "
                    + "of either");
        }
        if (out.size() > 64) {
            throw OpenAiException.invalid("prompt", "at most 64 prompts per request");
        }
        return out;
    }

    private static int[] encode(String text, Tokenizer tokenizer, String field) {
        if (tokenizer == null) {
            throw OpenAiException.invalid(field, "this model has no tokenizer: pass token ids");
        }
        int[] ids = tokenizer.encode(text);
        if (ids.length == 0) {
            throw OpenAiException.invalid(field, "prompt must not be empty");
        }
        return ids;
    }

    private static int[] ids(JsonNode list, String field) {
        if (list.isEmpty()) {
            throw OpenAiException.invalid(field, "prompt must not be empty");
        }
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = list.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw OpenAiException.invalid(field, "token ids must be integers");
            }
            ids[i] = v.asInt();
        }
        return ids;
    }

    /** Output of one choice (or one event of it). */
    private static final class ChoiceState {
        final StringBuilder text = new StringBuilder();
        final List<Integer> tokenIds = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        final List<Float> tokenLogprobs = new ArrayList<>();
        final List<Map<String, Float>> top = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        boolean hasLogprobs;
        int generated;
        String finish;

        void add(List<TokenOutput> out, Tokenizer tokenizer) {
            for (TokenOutput t : out) {
                if (t.topLogprobs() != null || t.logprob() != null) {
                    hasLogprobs = true;
                }
                offsets.add(text.length());
                text.append(t.text());
                tokenIds.add(t.token());
                tokens.add(tokenizer == null ? "token_id:" + t.token() : tokenizer.decode(new int[]{t.token()}));
                tokenLogprobs.add(t.logprob());
                top.add(t.topLogprobs());
                if (!t.prompt()) {
                    generated++;
                }
            }
        }

        Map<String, Object> logprobs() {
            if (!hasLogprobs) {
                return null;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tokens", tokens);
            m.put("token_logprobs", tokenLogprobs);
            m.put("top_logprobs", top);
            m.put("text_offset", offsets);
            return m;
        }

        Map<String, Object> chatLogprobs() {
            if (!hasLogprobs) {
                return null;
            }
            List<Map<String, Object>> content = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("token", tokens.get(i));
                e.put("logprob", tokenLogprobs.get(i));
                e.put("bytes", bytes(tokens.get(i)));
                List<Map<String, Object>> alts = new ArrayList<>();
                if (top.get(i) != null) {
                    top.get(i).forEach((tok, lp) -> alts.add(Map.of("token", tok, "logprob", lp, "bytes", bytes(tok))));
                }
                e.put("top_logprobs", alts);
                content.add(e);
            }
            return Map.of("content", content);
        }

        private static List<Integer> bytes(String s) {
            List<Integer> b = new ArrayList<>();
            for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
                b.add(x & 0xff);
            }
            return b;
        }
    }
}

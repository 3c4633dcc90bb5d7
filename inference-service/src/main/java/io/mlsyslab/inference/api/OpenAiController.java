package io.mlsyslab.inference.api;

import io.mlsyslab.inference.serving.KvOffload;
import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.inference.persistence.ModelEntity;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.io.IOException;
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
        List<int[]> prompts = Prompts.read(body.get("prompt"), tokenizer);
        Integer logprobs = null;
        if (body.has("logprobs") && !body.get("logprobs").isNull()) {
            logprobs = SamplingParams.integer(body, "logprobs", 0, 0, 20);
        }
        boolean echo = SamplingParams.bool(body, "echo", false);
        CompletionCall call = new CompletionCall("cmpl-" + UUID.randomUUID(), "text_completion", params, prompts, false);
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
        CompletionCall call = new CompletionCall("chatcmpl-" + UUID.randomUUID(), "chat.completion", chat,
                List.of(ids), true);
        return run(engine, call, List.of(chat.request(ids, logprobs, false)));
    }

    private Object run(InferenceEngine engine, CompletionCall call, List<GenerationRequest> requests) {
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
            return CompletionAggregate.await(engine.tokenizer(), call, events, handles, created);
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Runnable cancel = () -> handles.forEach(InferenceEngine.Handle::cancel);
        emitter.onCompletion(cancel);
        emitter.onTimeout(cancel);
        emitter.onError(t -> cancel.run());
        Thread.ofVirtual().name("completion-stream-" + call.id()).start(() -> {
            try {
                new CompletionStream(json, emitter).send(engine.tokenizer(), call, events, created);
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
            throw EngineFailures.upstream(e);
        }
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OpenAiException.invalid(null, "request body must be a JSON object");
        }
    }
}

package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.inference.engine.TokenConstraint;
import io.mlsyslab.inference.persistence.ModelEntity;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.inference.serving.KvOffload;
import io.mlsyslab.inference.structured.TokenVocabulary;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible API (what vLLM and SGLang serve): {@code GET /v1/models}, {@code GET /v1/models/{id}},
 * {@code POST /v1/completions}, {@code POST /v1/chat/completions}, streamed as server-sent events when
 * {@code stream} is true; structured outputs and tool calls by constrained decoding. See docs/openai-api.md.
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
            data.add(model(m));
        }
        return Map.of("object", "list", "data", data);
    }

    /** OpenAI's {@code models.retrieve}: the same entry as in the list, or 404 {@code model_not_found}. */
    @GetMapping("/models/{id}")
    public Map<String, Object> model(@PathVariable String id) {
        if (!ModelStore.ID.matcher(id).matches()) {
            throw OpenAiException.modelNotFound(id);
        }
        return store.find(id).map(OpenAiController::model).orElseThrow(() -> OpenAiException.modelNotFound(id));
    }

    private static Map<String, Object> model(ModelEntity m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", m.getId());
        e.put("object", "model");
        e.put("created", m.getCreatedAt().getEpochSecond());
        e.put("owned_by", "mlsys-lab");
        e.put("max_model_len", m.getNPositions());
        return e;
    }

    @PostMapping(path = "/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Object completions(@RequestBody JsonNode body) {
        requireObject(body);
        RequestFields.COMPLETIONS.check(body);
        SamplingParams params = SamplingParams.read(body, "max_tokens", 16);
        ResponseFormat format = ResponseFormat.read(body);
        InferenceEngine engine = engine(params.model(), kvOffload(body));
        Tokenizer tokenizer = engine.tokenizer();
        TokenConstraint.Factory constraint = format.constrained() ? format.constraint(vocabulary(engine)) : null;
        List<int[]> prompts = Prompts.read(body.get("prompt"), tokenizer);
        Integer logprobs = null;
        if (body.has("logprobs") && !body.get("logprobs").isNull()) {
            logprobs = SamplingParams.integer(body, "logprobs", 0, 0, 20);
        }
        boolean echo = SamplingParams.bool(body, "echo", false);
        CompletionCall call = new CompletionCall("cmpl-" + UUID.randomUUID(), "text_completion", params, prompts, false,
                null);
        List<GenerationRequest> requests = new ArrayList<>();
        for (int[] p : prompts) {
            requests.add(params.request(p, logprobs, echo, constraint));
        }
        return run(engine, call, requests);
    }

    @PostMapping(path = "/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Object chatCompletions(@RequestBody JsonNode body) {
        requireObject(body);
        RequestFields.CHAT.check(body);
        checkModalities(body);
        SamplingParams params = SamplingParams.read(body, "max_tokens", Integer.MAX_VALUE);
        ResponseFormat format = ResponseFormat.read(body);
        ToolCalling tools = ToolCalling.read(body);
        if (tools != null && tools.active() && format.constrained()) {
            throw OpenAiException.invalid("response_format", "response_format json_object/json_schema cannot be "
                    + "combined with tools unless tool_choice is none");
        }
        InferenceEngine engine = engine(params.model(), kvOffload(body));
        Tokenizer tokenizer = engine.tokenizer();
        if (tokenizer == null) {
            throw OpenAiException.invalid("model", "model '" + params.model()
                    + "' has no tokenizer; use /v1/completions with token ids");
        }
        TokenConstraint.Factory constraint = tools != null && tools.active() ? tools.constraint(vocabulary(engine))
                : format.constrained() ? format.constraint(vocabulary(engine)) : null;
        String prompt = ChatTemplate.render(body.get("messages"), tools);
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
        SamplingParams chat = params.with(maxTokens, ChatTemplate.withTurnStop(params.stop()));
        CompletionCall call = new CompletionCall("chatcmpl-" + UUID.randomUUID(), "chat.completion", chat,
                List.of(ids), true, tools);
        return run(engine, call, List.of(chat.request(ids, logprobs, false, constraint)));
    }

    /** {@code modalities}: only {@code ["text"]} (audio output is not supported). */
    private static void checkModalities(JsonNode body) {
        JsonNode m = body.get("modalities");
        if (m != null && !m.isNull() && !(m.isArray() && m.size() == 1 && "text".equals(m.get(0).asString(null)))) {
            throw OpenAiException.invalid("modalities", "modalities must be [\"text\"]: the models here generate "
                    + "text only");
        }
    }

    /** The engine's vocabulary as bytes for constrained decoding (built once per tokenizer), or null without one. */
    private static TokenVocabulary vocabulary(InferenceEngine engine) {
        return engine.tokenizer() == null ? null : TokenVocabulary.of(engine.tokenizer(), engine.eosToken());
    }

    private Object run(InferenceEngine engine, CompletionCall call, List<GenerationRequest> requests) {
        int sequences = requests.size() * call.params().n();
        int capacity = engine.config().maxRunning() + engine.config().maxWaiting();
        if (sequences > capacity) {
            // more than the engine can ever queue: waiting would not help, so not a 429
            throw OpenAiException.invalid(requests.size() > 1 ? "prompt" : "n", "this request needs " + sequences
                    + " sequences (prompts x n), more than the engine holds at once (" + capacity + ")");
        }
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
        if (!ModelStore.ID.matcher(model).matches()) {
            throw OpenAiException.modelNotFound(model); // no registered name looks like this one
        }
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

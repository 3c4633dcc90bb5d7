package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * vLLM's {@code POST /tokenize} and {@code POST /detokenize} (at the service's API prefix, beside {@code /v1}):
 * a prompt (or chat messages, rendered with the chat template) to token ids with the model's own tokenizer, and
 * token ids back to text.
 */
@RestController
@RequestMapping("${mlsyslab.api-prefix}")
public class TokenizeController {
    private static final Set<String> TOKENIZE_FIELDS = Set.of("model", "prompt", "messages", "add_special_tokens",
            "add_generation_prompt", "return_token_strs");
    private static final Set<String> DETOKENIZE_FIELDS = Set.of("model", "tokens");
    static final int MAX_TOKENS = 1 << 20;

    private final EngineManager engines;

    public TokenizeController(EngineManager engines) {
        this.engines = engines;
    }

    @PostMapping(path = "/tokenize", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> tokenize(@RequestBody JsonNode body) {
        requireFields(body, TOKENIZE_FIELDS);
        InferenceEngine engine = engine(body);
        Tokenizer tokenizer = tokenizer(engine);
        SamplingParams.bool(body, "add_special_tokens", true); // GPT-2 adds no special tokens either way
        boolean strs = SamplingParams.bool(body, "return_token_strs", false);
        String text;
        if (body.has("messages") && !body.get("messages").isNull()) {
            if (body.has("prompt") && !body.get("prompt").isNull()) {
                throw OpenAiException.invalid("prompt", "give either prompt or messages, not both");
            }
            boolean generationPrompt = SamplingParams.bool(body, "add_generation_prompt", true);
            text = ChatTemplate.render(body.get("messages"));
            if (!generationPrompt) {
                text = text.substring(0, text.length() - "Assistant:".length());
            }
        } else {
            text = SamplingParams.text(body, "prompt");
            if (text == null) {
                throw OpenAiException.invalid("prompt", "prompt (a string) or messages is required");
            }
        }
        int[] ids = tokenizer.encode(text);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", ids.length);
        out.put("max_model_len", engine.model().config().nPositions());
        List<Integer> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(id);
        }
        out.put("tokens", tokens);
        List<String> tokenStrs = null;
        if (strs) {
            tokenStrs = new ArrayList<>(ids.length);
            for (int id : ids) {
                tokenStrs.add(tokenizer.decode(new int[]{id}));
            }
        }
        out.put("token_strs", tokenStrs);
        return out;
    }

    @PostMapping(path = "/detokenize", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> detokenize(@RequestBody JsonNode body) {
        requireFields(body, DETOKENIZE_FIELDS);
        InferenceEngine engine = engine(body);
        Tokenizer tokenizer = tokenizer(engine);
        JsonNode t = body.get("tokens");
        if (t == null || !t.isArray() || t.size() > MAX_TOKENS) {
            throw OpenAiException.invalid("tokens", "tokens must be a list of token ids");
        }
        int vocab = engine.model().config().vocabSize();
        int[] ids = new int[t.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = t.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() >= vocab) {
                throw OpenAiException.invalid("tokens", "tokens[" + i + "] is not a token id in 0.." + (vocab - 1));
            }
            ids[i] = v.asInt();
        }
        return Map.of("prompt", tokenizer.decode(ids));
    }

    private static void requireFields(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw OpenAiException.invalid(null, "request body must be a JSON object");
        }
        for (String f : body.propertyNames()) {
            if (!allowed.contains(f)) {
                throw OpenAiException.invalid(OpenAiException.printable(f), "unknown field (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private InferenceEngine engine(JsonNode body) {
        String model = SamplingParams.text(body, "model");
        if (model == null || model.isBlank()) {
            throw OpenAiException.invalid("model", "model is required");
        }
        if (!ModelStore.ID.matcher(model).matches()) {
            throw OpenAiException.modelNotFound(model);
        }
        try {
            return engines.engine(model).orElseThrow(() -> OpenAiException.modelNotFound(model));
        } catch (KvUpstreamException e) {
            throw EngineFailures.upstream(e);
        }
    }

    private static Tokenizer tokenizer(InferenceEngine engine) {
        if (engine.tokenizer() == null) {
            throw OpenAiException.invalid("model", "this model has no tokenizer (token ids only)");
        }
        return engine.tokenizer();
    }
}

package io.mlsyslab.nn.model;

import io.mlsyslab.nn.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of a GPT-2-architecture model, named as in Hugging Face's {@code config.json}.
 *
 * @param vocabSize        tokens in the vocabulary ({@code vocab_size})
 * @param nPositions       maximum sequence length ({@code n_positions})
 * @param nEmbd            model width ({@code n_embd})
 * @param nLayer           transformer blocks ({@code n_layer})
 * @param nHead            attention heads; must divide nEmbd ({@code n_head})
 * @param layerNormEpsilon LayerNorm epsilon ({@code layer_norm_epsilon})
 */
public record GptConfig(int vocabSize, int nPositions, int nEmbd, int nLayer, int nHead, float layerNormEpsilon) {
    /** Validates every field. */
    public GptConfig {
        positive("vocabSize", vocabSize);
        positive("nPositions", nPositions);
        positive("nEmbd", nEmbd);
        positive("nLayer", nLayer);
        positive("nHead", nHead);
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException("nHead: must divide nEmbd=" + nEmbd + ", was " + nHead);
        }
        if (!(layerNormEpsilon > 0) || Float.isInfinite(layerNormEpsilon)) {
            throw new IllegalArgumentException("layerNormEpsilon: must be a positive finite number, was "
                    + layerNormEpsilon);
        }
    }

    /** The benchmark "small" configuration with a given vocabulary: 4 layers, 4 heads, width 128, context 64. */
    public static GptConfig small(int vocabSize) {
        return new GptConfig(vocabSize, 64, 128, 4, 4, 1e-5f);
    }

    /** Width of one attention head. */
    public int headDim() {
        return nEmbd / nHead;
    }

    /**
     * Reads a Hugging Face {@code config.json}. Missing {@code n_positions} falls back to {@code n_ctx}; missing
     * {@code layer_norm_epsilon} to 1e-5. Other keys are ignored.
     */
    public static GptConfig fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        Object nPos = m.containsKey("n_positions") ? m.get("n_positions") : m.get("n_ctx");
        return new GptConfig(intField(m, "vocab_size", m.get("vocab_size")), intField(m, "n_positions", nPos),
                intField(m, "n_embd", m.get("n_embd")), intField(m, "n_layer", m.get("n_layer")),
                intField(m, "n_head", m.get("n_head")),
                m.get("layer_norm_epsilon") instanceof Number n ? n.floatValue() : 1e-5f);
    }

    /** Writes the Hugging Face keys (plus {@code model_type: gpt2}). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_type", "gpt2");
        m.put("vocab_size", vocabSize);
        m.put("n_positions", nPositions);
        m.put("n_embd", nEmbd);
        m.put("n_layer", nLayer);
        m.put("n_head", nHead);
        m.put("layer_norm_epsilon", (double) layerNormEpsilon);
        return Json.write(m);
    }

    private static int intField(Map<String, Object> m, String key, Object v) {
        if (!(v instanceof Long l) || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + ": missing or not an integer in config.json");
        }
        return (int) (long) l;
    }

    private static void positive(String field, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + ": must be >= 1, was " + v);
        }
    }
}

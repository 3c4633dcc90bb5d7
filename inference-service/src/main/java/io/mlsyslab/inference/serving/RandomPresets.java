package io.mlsyslab.inference.serving;

import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.tokenizer.ByteTokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named GPT-2 shapes with seeded random weights ({@code Gpt2Model.initialize}) and the byte tokenizer (vocab 256),
 * for benchmarking the engine without a checkpoint. The same preset and seed always give the same weights.
 */
public final class RandomPresets {
    private static final Map<String, GptConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("tiny", new GptConfig(256, 256, 64, 2, 4, 1e-5f));
        PRESETS.put("small", new GptConfig(256, 512, 128, 4, 4, 1e-5f));
        PRESETS.put("medium", new GptConfig(256, 1024, 256, 6, 8, 1e-5f));
        PRESETS.put("long-context", new GptConfig(256, 4096, 256, 4, 8, 1e-5f));
        PRESETS.put("gpt2-124m-shape", new GptConfig(256, 1024, 768, 12, 12, 1e-5f));
    }

    private RandomPresets() {
    }

    /** Preset names and their shapes. */
    public static Map<String, GptConfig> all() {
        return Map.copyOf(PRESETS);
    }

    /** The shape of a preset. */
    public static GptConfig config(String preset) {
        GptConfig c = PRESETS.get(preset);
        if (c == null) {
            throw new IllegalArgumentException("preset: unknown preset '" + preset + "', known: " + PRESETS.keySet());
        }
        return c;
    }

    /** Builds the model. */
    public static LoadedModel build(String id, String preset, long seed) {
        return new LoadedModel(id, Gpt2Model.initialize(config(preset), seed), new ByteTokenizer(), "byte", -1);
    }
}

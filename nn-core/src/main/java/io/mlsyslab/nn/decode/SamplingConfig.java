package io.mlsyslab.nn.decode;

/**
 * How the next token is chosen from the logits.
 *
 * @param temperature 0 for greedy (arg-max, lowest id on ties); otherwise logits are divided by it, {@code >= 0}
 * @param topK        keep only the k most likely tokens; 0 disables
 * @param topP        keep the smallest set of most likely tokens whose probability reaches p; 1 disables
 * @param seed        seed of the per-sequence random streams
 */
public record SamplingConfig(float temperature, int topK, float topP, long seed) {
    /** Validates the ranges. */
    public SamplingConfig {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be a finite number >= 0, was " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK: must be >= 0, was " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP: must be in (0, 1], was " + topP);
        }
    }

    /** Greedy decoding. */
    public static SamplingConfig greedy() {
        return new SamplingConfig(0f, 0, 1f, 0L);
    }

    /** Whether this configuration is greedy. */
    public boolean isGreedy() {
        return temperature == 0f;
    }
}

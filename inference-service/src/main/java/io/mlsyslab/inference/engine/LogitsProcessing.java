package io.mlsyslab.inference.engine;

import java.util.Arrays;
import java.util.Map;

/**
 * What a request asks of the logits beyond temperature, top-k and top-p, with OpenAI's and vLLM's definitions:
 *
 * @param presencePenalty   OpenAI's: subtracted once from the logit of every token already generated (-2..2)
 * @param frequencyPenalty  OpenAI's: subtracted from a token's logit once per time it was generated (-2..2)
 * @param repetitionPenalty vLLM's (the CTRL paper's): logits of tokens seen in the prompt or the output are divided
 *                          by it when positive and multiplied by it when negative; 1 disables ({@code > 0})
 * @param logitBias         token id to a bias added to its logit (-100..100)
 * @param minTokens         vLLM's: end-of-text, {@code stopTokenIds} and stop strings are not honoured before this
 *                          many tokens were generated
 * @param stopTokenIds      vLLM's: token ids that end the sequence like end-of-text (the id is in {@code token_ids},
 *                          its text is not in the output)
 */
public record LogitsProcessing(float presencePenalty, float frequencyPenalty, float repetitionPenalty,
                               Map<Integer, Float> logitBias, int minTokens, int[] stopTokenIds) {

    /** Nothing beyond temperature, top-k and top-p. */
    public static final LogitsProcessing NONE = new LogitsProcessing(0f, 0f, 1f, Map.of(), 0, new int[0]);

    public LogitsProcessing {
        logitBias = logitBias == null ? Map.of() : Map.copyOf(logitBias);
        stopTokenIds = stopTokenIds == null ? new int[0] : stopTokenIds.clone();
    }

    /** Whether any penalty or bias changes the logits (min_tokens and stop ids aside). */
    public boolean changesLogits() {
        return presencePenalty != 0f || frequencyPenalty != 0f || repetitionPenalty != 1f || !logitBias.isEmpty();
    }

    @Override
    public int[] stopTokenIds() {
        return stopTokenIds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogitsProcessing p && p.presencePenalty == presencePenalty
                && p.frequencyPenalty == frequencyPenalty && p.repetitionPenalty == repetitionPenalty
                && p.logitBias.equals(logitBias) && p.minTokens == minTokens
                && Arrays.equals(p.stopTokenIds, stopTokenIds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stopTokenIds) * 31 + logitBias.hashCode() + minTokens;
    }

    @Override
    public String toString() {
        return "LogitsProcessing[presence=" + presencePenalty + ", frequency=" + frequencyPenalty + ", repetition="
                + repetitionPenalty + ", bias=" + logitBias + ", minTokens=" + minTokens + ", stopTokenIds="
                + Arrays.toString(stopTokenIds) + "]";
    }
}

package io.mlsyslab.inference.engine;

import java.util.Map;

/**
 * One sequence's {@link LogitsProcessing} and {@link TokenConstraint}, applied to a copy of its logits row in vLLM's
 * order: min_tokens, logit bias, penalties (repetition, frequency, presence), then the constraint's mask. Holds what
 * the penalties count (allocated only when a penalty is used) and the constraint instance, so both survive
 * preemption (recomputation keeps the tokens). Engine thread only.
 */
final class LogitsProcessor {
    private final LogitsProcessing p;
    /** Tokens that end the sequence: the stop token ids, and end-of-text unless it is ignored. */
    private final int[] stopTokens;
    private final TokenConstraint constraint;
    private final boolean penalties;
    /** How often each token was generated (frequency and presence penalties; repetition's "seen in the output"). */
    private final int[] outputCounts;
    /** Whether each token is in the prompt (repetition penalty only). */
    private final boolean[] inPrompt;

    private LogitsProcessor(LogitsProcessing p, int[] stopTokens, TokenConstraint constraint, int[] prompt,
                            int vocab) {
        this.p = p;
        this.stopTokens = stopTokens;
        this.constraint = constraint;
        this.penalties = p.presencePenalty() != 0f || p.frequencyPenalty() != 0f || p.repetitionPenalty() != 1f;
        this.outputCounts = penalties ? new int[vocab] : null;
        this.inPrompt = p.repetitionPenalty() != 1f ? new boolean[vocab] : null;
        if (inPrompt != null) {
            for (int t : prompt) {
                inPrompt[t] = true;
            }
        }
    }

    /**
     * The processor of one sequence of {@code r} (its constraint made now), or null when the request asks nothing of
     * the logits, so the engine samples the model's row directly.
     *
     * @param eosToken end-of-text, or -1
     */
    static LogitsProcessor of(GenerationRequest r, int vocab, int eosToken) {
        LogitsProcessing p = r.processing();
        if (p.equals(LogitsProcessing.NONE) && r.constraint() == null) {
            return null;
        }
        int[] ids = p.stopTokenIds();
        boolean eosStops = eosToken >= 0 && !r.ignoreEos();
        int[] stops = java.util.Arrays.copyOf(ids, ids.length + (eosStops ? 1 : 0));
        if (eosStops) {
            stops[ids.length] = eosToken;
        }
        TokenConstraint c = r.constraint() == null ? null : r.constraint().create();
        return new LogitsProcessor(p, stops, c, r.prompt(), vocab);
    }

    /** Whether the next token's logits must be changed (else the row is sampled as it is: no copy). */
    boolean rewrites(int generated) {
        return constraint != null || p.changesLogits() || masksStops(generated);
    }

    /** Before {@code minTokens} tokens were generated, end-of-text and the stop tokens may not come. */
    boolean honoursStops(int generated) {
        return generated >= p.minTokens();
    }

    private boolean masksStops(int generated) {
        return !honoursStops(generated) && stopTokens.length > 0;
    }

    /**
     * Applies everything to {@code row[0, vocab)} (a copy of the sequence's logits).
     *
     * @param generated tokens generated before this one
     * @param remaining tokens this sequence may still generate, this one included
     * @return whether any token may be sampled (false: the constraint allows none, or min_tokens masked the only
     *         ones it allows)
     */
    boolean apply(float[] row, int vocab, int generated, int remaining) {
        if (masksStops(generated)) {
            maskTokens(row, stopTokens);
        }
        addBias(row, p.logitBias());
        if (penalties) {
            penalize(row, vocab, outputCounts, inPrompt, p.repetitionPenalty(), p.frequencyPenalty(),
                    p.presencePenalty());
        }
        if (constraint != null && constraint.mask(row, 0, vocab, remaining) == 0) {
            return false;
        }
        for (int i = 0; i < vocab; i++) {
            if (row[i] != Float.NEGATIVE_INFINITY) {
                return true; // the sampler needs a finite maximum
            }
        }
        return false;
    }

    /** Records the sampled token: penalties' counts, the constraint's state. */
    void accept(int token) {
        if (outputCounts != null) {
            outputCounts[token]++;
        }
        if (constraint != null) {
            constraint.accept(token);
        }
    }

    /** Whether the token ends the sequence like end-of-text (a stop token id, or end-of-text itself). */
    boolean isStopToken(int token) {
        for (int t : stopTokens) {
            if (t == token) {
                return true;
            }
        }
        return false;
    }

    /** Whether the constraint's output is complete (nothing may follow). */
    boolean complete() {
        return constraint != null && constraint.complete();
    }

    /** min_tokens: the tokens cannot be sampled. */
    static void maskTokens(float[] row, int[] tokens) {
        for (int t : tokens) {
            row[t] = Float.NEGATIVE_INFINITY;
        }
    }

    /** logit_bias: added to the logits. */
    static void addBias(float[] row, Map<Integer, Float> bias) {
        for (Map.Entry<Integer, Float> e : bias.entrySet()) {
            row[e.getKey()] += e.getValue();
        }
    }

    /**
     * vLLM's penalties (its {@code apply_penalties}): repetition over the tokens of the prompt and the output
     * (a positive logit divided by it, any other multiplied), then OpenAI's frequency and presence over the output:
     * {@code logit -= count * frequency + (count > 0 ? presence : 0)}.
     *
     * @param inPrompt null when repetition is 1
     */
    static void penalize(float[] row, int vocab, int[] outputCounts, boolean[] inPrompt, float repetition,
                         float frequency, float presence) {
        for (int j = 0; j < vocab; j++) {
            int count = outputCounts[j];
            float logit = row[j];
            if (repetition != 1f && (count > 0 || inPrompt[j])) {
                logit = logit > 0 ? logit / repetition : logit * repetition;
            }
            if (count > 0) {
                logit -= count * frequency + presence;
            }
            row[j] = logit;
        }
    }
}

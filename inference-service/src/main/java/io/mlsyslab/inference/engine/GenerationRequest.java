package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.SamplingConfig;
import java.util.List;

/**
 * One prompt to complete {@code n} times.
 *
 * @param prompt    prompt token ids (at least one)
 * @param maxTokens most tokens to generate per choice ({@code >= 1})
 * @param sampling  temperature / top-k / top-p / seed; choice {@code i} draws from the seed's {@code i}-th stream,
 *                  so the same seed gives the same text whatever else is batched with it
 * @param n         choices ({@code >= 1})
 * @param stop      stop strings (need a tokenizer); the text stops before the first one found
 * @param logprobs  how many alternatives to report per token (0..20), or null for no log-probabilities
 * @param echo      whether the prompt is part of the output (its log-probabilities too when logprobs is set)
 * @param ignoreEos whether the end-of-text token is generated like any other
 * @param processing penalties, logit bias, min_tokens and stop token ids ({@link LogitsProcessing#NONE}: none)
 * @param priority  vLLM's: lower runs first; the scheduler admits by (priority, arrival) and preempts the
 *                  sequence of the highest value, newest first
 * @param constraint constrained decoding (one constraint per choice), or null
 */
public record GenerationRequest(int[] prompt, int maxTokens, SamplingConfig sampling, int n, List<String> stop,
                                Integer logprobs, boolean echo, boolean ignoreEos, LogitsProcessing processing,
                                int priority, TokenConstraint.Factory constraint) {

    /** A request with no logits processing, priority 0 and no constraint. */
    public GenerationRequest(int[] prompt, int maxTokens, SamplingConfig sampling, int n, List<String> stop,
                             Integer logprobs, boolean echo, boolean ignoreEos) {
        this(prompt, maxTokens, sampling, n, stop, logprobs, echo, ignoreEos, LogitsProcessing.NONE, 0, null);
    }

    public GenerationRequest {
        processing = processing == null ? LogitsProcessing.NONE : processing;
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("prompt: must not be empty");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens: must be >= 1, was " + maxTokens);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n: must be >= 1, was " + n);
        }
        if (logprobs != null && (logprobs < 0 || logprobs > 20)) {
            throw new IllegalArgumentException("logprobs: must be in 0..20, was " + logprobs);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop: stop strings must not be empty");
            }
        }
        if (sampling == null) {
            throw new IllegalArgumentException("temperature: sampling configuration required");
        }
    }
}

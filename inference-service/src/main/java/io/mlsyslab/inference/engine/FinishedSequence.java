package io.mlsyslab.inference.engine;

/**
 * One finished sequence (choice) as metrics see it, with vLLM's request intervals. An interval whose end never came
 * (a sequence aborted before it was scheduled or before its first token) is -1.
 *
 * @param reason          {@code stop}, {@code length} or {@code abort}
 * @param promptTokens    prompt length
 * @param generatedTokens tokens generated
 * @param queueNanos      arrival to first scheduled (vLLM's queue time)
 * @param prefillNanos    first scheduled to first token (vLLM's prefill time)
 * @param decodeNanos     first token to last token (vLLM's decode time)
 * @param e2eNanos        arrival to finish (vLLM's end-to-end request latency)
 */
public record FinishedSequence(String reason, int promptTokens, int generatedTokens, long queueNanos,
                               long prefillNanos, long decodeNanos, long e2eNanos) {
}

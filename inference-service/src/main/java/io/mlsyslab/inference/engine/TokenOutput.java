package io.mlsyslab.inference.engine;

import java.util.Map;

/**
 * One token of a choice as it is produced.
 *
 * @param token       token id
 * @param text        the text this token adds (may be empty while a multi-byte character or a possible stop
 *                    string is held back; the held-back text comes with a later token or the finish)
 * @param logprob     log-probability of the token under the model, or null when not requested (or for the
 *                    first echoed prompt token)
 * @param topLogprobs the most likely alternatives (decoded text → log-probability), or null
 * @param prompt      whether this is an echoed prompt token
 */
public record TokenOutput(int token, String text, Float logprob, Map<String, Float> topLogprobs, boolean prompt) {
}

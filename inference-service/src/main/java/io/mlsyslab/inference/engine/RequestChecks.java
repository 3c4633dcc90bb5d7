package io.mlsyslab.inference.engine;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.tokenizer.Tokenizer;

/** What a request must satisfy to run on an engine: typed field errors (400) naming the API field. */
final class RequestChecks {
    private RequestChecks() {
    }

    static void check(GenerationRequest request, GptConfig c, int kvCapacityPositions, Tokenizer tokenizer) {
        for (int t : request.prompt()) {
            if (t < 0 || t >= c.vocabSize()) {
                throw FieldErrorException.invalid("prompt", "token id " + t + " outside vocabulary 0.."
                        + (c.vocabSize() - 1));
            }
        }
        int total = request.prompt().length + request.maxTokens();
        if (total > c.nPositions()) {
            throw FieldErrorException.invalid("max_tokens", "this model's maximum context length is " + c.nPositions()
                    + " tokens, but the prompt (" + request.prompt().length + ") plus max_tokens ("
                    + request.maxTokens() + ") is " + total);
        }
        if (total > kvCapacityPositions) {
            throw FieldErrorException.invalid("max_tokens", "prompt plus max_tokens (" + total
                    + ") exceeds the engine's KV memory of " + kvCapacityPositions + " positions");
        }
        LogitsProcessing p = request.processing();
        for (int t : p.logitBias().keySet()) {
            inVocabulary("logit_bias", t, c.vocabSize());
        }
        for (int t : p.stopTokenIds()) {
            inVocabulary("stop_token_ids", t, c.vocabSize());
        }
        if (p.minTokens() < 0 || p.minTokens() > request.maxTokens()) {
            throw FieldErrorException.invalid("min_tokens", "must be in 0..max_tokens (" + request.maxTokens()
                    + "), was " + p.minTokens());
        }
        if (!(p.repetitionPenalty() > 0f) || Float.isInfinite(p.repetitionPenalty())) {
            throw FieldErrorException.invalid("repetition_penalty", "must be > 0, was " + p.repetitionPenalty());
        }
        if (!request.stop().isEmpty() && tokenizer == null) {
            throw FieldErrorException.invalid("stop", "this model has no tokenizer, stop strings cannot be matched");
        }
    }

    private static void inVocabulary(String field, int token, int vocab) {
        if (token < 0 || token >= vocab) {
            throw FieldErrorException.invalid(field, "token id " + token + " outside vocabulary 0.." + (vocab - 1));
        }
    }
}

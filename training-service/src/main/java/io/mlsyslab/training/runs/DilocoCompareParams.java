package io.mlsyslab.training.runs;

import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.training.trainer.CorpusSpec;
import io.mlsyslab.training.trainer.TrainerConfig;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Params of {@code diloco-compare}: one model, corpus, token budget, worker count and seed, trained four times
 * (data-parallel; DiLoCo fp32; Streaming DiLoCo fp32; Streaming DiLoCo fp4-e3m0). Validated at submission like
 * {@code lm-train} (the streaming run's rules: fragments divide nLayer and H, overlap below H/P).
 */
public record DilocoCompareParams(
        @ParamDescription("workers M (at least 2: with one worker nothing is exchanged)") @Min(2) @Max(8) Integer workers,
        @ParamDescription("H: inner steps per outer step") @Min(1) @Max(10000) Integer innerSteps,
        @ParamDescription("P: fragments of the streaming runs") @Min(1) @Max(12) Integer fragments,
        @ParamDescription("tau: overlap of the streaming runs") @Min(0) @Max(100) Integer overlap,
        @ParamDescription("merge weight alpha of the streaming runs") @DecimalMin("0") @DecimalMax("1") Double alpha,
        @ParamDescription("outer Nesterov learning rate") @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") Double outerLr,
        @ParamDescription("outer Nesterov momentum") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double outerMomentum,
        @ParamDescription("inner AdamW peak learning rate") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double innerLr,
        @ParamDescription("inner warm-up steps") @Min(0) @Max(100000) Integer warmupSteps,
        @ParamDescription("GPT-2 blocks") @Min(1) @Max(12) Integer nLayer,
        @ParamDescription("model width") @Min(8) @Max(512) Integer nEmbd,
        @ParamDescription("attention heads") @Min(1) @Max(16) Integer nHead,
        @ParamDescription("sequence length") @Min(2) @Max(512) Integer seqLen,
        @ParamDescription("sequences per worker per inner step") @Min(1) @Max(256) Integer batch,
        @ParamDescription("synthetic | kjv | text") @Pattern(regexp = CorpusSpec.KINDS) String corpus,
        @ParamDescription("symbols of the synthetic language") @Min(2) @Max(64) Integer syntheticVocab,
        @ParamDescription("tokens generated (synthetic) or characters used (kjv)") @Min(1000) @Max(2000000) Integer corpusTokens,
        @ParamDescription("uploaded text for corpus=text") @jakarta.validation.constraints.Size(max = CorpusSpec.MAX_TEXT_CHARS) String text,
        @ParamDescription("token budget of each of the four runs") @Min(1) @Max(1000000000) Long tokens,
        @ParamDescription("held-out batches per evaluation") @Min(1) @Max(64) Integer evalBatches,
        @ParamDescription("seed shared by the four runs") Long seed) {

    public DilocoCompareParams {
        workers = workers == null ? 2 : workers;
        if (workers < 2) {
            throw new IllegalArgumentException("workers: the comparison needs at least 2 workers, was " + workers);
        }
        innerSteps = innerSteps == null ? 20 : innerSteps;
        fragments = fragments == null ? 2 : fragments;
        overlap = overlap == null ? 1 : overlap;
        alpha = alpha == null ? 0.5 : alpha;
        outerLr = outerLr == null ? 0.7 : outerLr;
        outerMomentum = outerMomentum == null ? 0.9 : outerMomentum;
        innerLr = innerLr == null ? 3e-3 : innerLr;
        warmupSteps = warmupSteps == null ? 20 : warmupSteps;
        nLayer = nLayer == null ? 2 : nLayer;
        nEmbd = nEmbd == null ? 32 : nEmbd;
        nHead = nHead == null ? 2 : nHead;
        seqLen = seqLen == null ? 32 : seqLen;
        batch = batch == null ? 8 : batch;
        corpus = corpus == null ? "synthetic" : corpus;
        syntheticVocab = syntheticVocab == null ? 16 : syntheticVocab;
        corpusTokens = corpusTokens == null ? 100_000 : corpusTokens;
        tokens = tokens == null ? 2L * 8 * 32 * 300 : tokens;
        evalBatches = evalBatches == null ? 4 : evalBatches;
        seed = seed == null ? 3L : seed;
        // the streaming run carries every cross-field rule
        new LmTrainParams("streaming-diloco", workers, innerSteps, fragments, "strided", overlap, alpha, "fp4-e3m0",
                outerLr, outerMomentum, innerLr, warmupSteps, null, null, null, nLayer, nEmbd, nHead, seqLen, batch,
                corpus, syntheticVocab, corpusTokens, text, tokens, evalBatches, 1, "in-process", seed);
    }

    /** The streaming fp4 run's config; the others are derived with {@link TrainerConfig#with}. */
    public TrainerConfig streamingConfig() {
        return new LmTrainParams("streaming-diloco", workers, innerSteps, fragments, "strided", overlap, alpha,
                "fp4-e3m0", outerLr, outerMomentum, innerLr, warmupSteps, null, null, null, nLayer, nEmbd, nHead,
                seqLen, batch, corpus, syntheticVocab, corpusTokens, text, tokens, evalBatches, 1, "in-process", seed)
                .toConfig();
    }
}

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
        if (workers != null && workers < 2) {
            throw new IllegalArgumentException("workers: the comparison needs at least 2 workers, was " + workers);
        }
        // the streaming fp4 run's params fill the shared defaults and carry every cross-field rule
        LmTrainParams streaming = streaming(workers, innerSteps, fragments, overlap, alpha, outerLr, outerMomentum,
                innerLr, warmupSteps, nLayer, nEmbd, nHead, seqLen, batch, corpus, syntheticVocab, corpusTokens, text,
                tokens, evalBatches, seed == null ? 3L : seed);
        workers = streaming.workers();
        innerSteps = streaming.innerSteps();
        fragments = streaming.fragments();
        overlap = streaming.overlap();
        alpha = streaming.alpha();
        outerLr = streaming.outerLr();
        outerMomentum = streaming.outerMomentum();
        innerLr = streaming.innerLr();
        warmupSteps = streaming.warmupSteps();
        nLayer = streaming.nLayer();
        nEmbd = streaming.nEmbd();
        nHead = streaming.nHead();
        seqLen = streaming.seqLen();
        batch = streaming.batch();
        corpus = streaming.corpus();
        syntheticVocab = streaming.syntheticVocab();
        corpusTokens = streaming.corpusTokens();
        tokens = streaming.tokens();
        evalBatches = streaming.evalBatches();
        seed = streaming.seed();
    }

    private static LmTrainParams streaming(Integer workers, Integer innerSteps, Integer fragments, Integer overlap,
                                           Double alpha, Double outerLr, Double outerMomentum, Double innerLr,
                                           Integer warmupSteps, Integer nLayer, Integer nEmbd, Integer nHead,
                                           Integer seqLen, Integer batch, String corpus, Integer syntheticVocab,
                                           Integer corpusTokens, String text, Long tokens, Integer evalBatches,
                                           Long seed) {
        return new LmTrainParams("streaming-diloco", workers, innerSteps, fragments, "strided", overlap, alpha,
                "fp4-e3m0", outerLr, outerMomentum, innerLr, warmupSteps, null, null, null, nLayer, nEmbd, nHead,
                seqLen, batch, corpus, syntheticVocab, corpusTokens, text, tokens, evalBatches, 1, "in-process", seed);
    }

    /** The streaming fp4 run's config; the others are derived with {@link TrainerConfig#with}. */
    public TrainerConfig streamingConfig() {
        return streaming(workers, innerSteps, fragments, overlap, alpha, outerLr, outerMomentum, innerLr, warmupSteps,
                nLayer, nEmbd, nHead, seqLen, batch, corpus, syntheticVocab, corpusTokens, text, tokens, evalBatches,
                seed).toConfig();
    }
}

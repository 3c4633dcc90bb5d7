package io.mlsyslab.training.runs;

import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.ParameterLayout;
import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.training.quant.Codec;
import io.mlsyslab.training.trainer.Algorithm;
import io.mlsyslab.training.trainer.CorpusSpec;
import io.mlsyslab.training.trainer.TrainerConfig;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Params of {@code lm-train}. A null component takes its default; every limit (including the cross-field ones:
 * fragments divide nLayer and H, overlap below H/P, the token budget, the checkpoint size) is checked here, so a
 * bad request is a 400 at submission, not a failed run.
 */
public record LmTrainParams(
        @ParamDescription("data-parallel | diloco | streaming-diloco") @Pattern(regexp = Algorithm.NAMES) String algorithm,
        @ParamDescription("workers M (replicas), each with its own data shard and AdamW state") @Min(1) @Max(8) Integer workers,
        @ParamDescription("H: inner steps per outer step (data-parallel: the eval interval)") @Min(1) @Max(10000) Integer innerSteps,
        @ParamDescription("P: fragments of streaming-diloco (default 2; must be 1 otherwise)") @Min(1) @Max(12) Integer fragments,
        @ParamDescription("strided (fragment p = blocks p, p+P, ...) | sequential") @Pattern(regexp = "strided|sequential") String fragmentLayout,
        @ParamDescription("tau: inner steps a fragment's exchange overlaps before the merge (streaming default 1)") @Min(0) @Max(100) Integer overlap,
        @ParamDescription("merge weight of local parameters: theta = alpha local + (1 - alpha) global") @DecimalMin("0") @DecimalMax("1") Double alpha,
        @ParamDescription("outer-gradient quantisation none | fp4-e3m0 | int8 (default fp4-e3m0 for DiLoCo variants, none for data-parallel)") @Pattern(regexp = Codec.NAMES) String quantisation,
        @ParamDescription("outer Nesterov SGD learning rate") @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") Double outerLr,
        @ParamDescription("outer Nesterov momentum") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double outerMomentum,
        @ParamDescription("inner AdamW peak learning rate (warm-up, then cosine to minLrRatio x)") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double innerLr,
        @ParamDescription("inner warm-up steps") @Min(0) @Max(100000) Integer warmupSteps,
        @ParamDescription("final inner learning rate as a fraction of innerLr") @DecimalMin("0") @DecimalMax("1") Double minLrRatio,
        @ParamDescription("AdamW weight decay (matrices and embeddings)") @DecimalMin("0") @DecimalMax("1") Double weightDecay,
        @ParamDescription("global gradient-norm clip (0 = off)") @DecimalMin("0") @DecimalMax("1000") Double gradClip,
        @ParamDescription("GPT-2 blocks") @Min(1) @Max(12) Integer nLayer,
        @ParamDescription("model width") @Min(8) @Max(512) Integer nEmbd,
        @ParamDescription("attention heads (divide nEmbd)") @Min(1) @Max(16) Integer nHead,
        @ParamDescription("sequence length (= model context)") @Min(2) @Max(512) Integer seqLen,
        @ParamDescription("sequences per worker per inner step") @Min(1) @Max(256) Integer batch,
        @ParamDescription("synthetic | kjv | text") @Pattern(regexp = CorpusSpec.KINDS) String corpus,
        @ParamDescription("symbols of the synthetic Markov language") @Min(2) @Max(64) Integer syntheticVocab,
        @ParamDescription("tokens generated (synthetic) or characters of the KJV excerpt used (kjv)") @Min(1000) @Max(2000000) Integer corpusTokens,
        @ParamDescription("uploaded training text for corpus=text (character-level; 90% train, last 10% held out)") @Size(max = CorpusSpec.MAX_TEXT_CHARS) String text,
        @ParamDescription("token budget over all workers; inner steps = tokens / (workers x batch x seqLen), rounded down to a multiple of H") @Min(1) @Max(1000000000) Long tokens,
        @ParamDescription("held-out batches per evaluation (every outer step)") @Min(1) @Max(64) Integer evalBatches,
        @ParamDescription("compute threads of each worker") @Min(1) @Max(16) Integer threadsPerWorker,
        @ParamDescription("in-process (worker threads) | http (worker processes joining a coordinator over HTTP)") @Pattern(regexp = "in-process|http") String transport,
        @ParamDescription("seed of the model, the synthetic language and the data order") Long seed) {

    /** Largest checkpoint (fp32 weights) a run may produce: the platform's default artifact limit. */
    public static final long MAX_CHECKPOINT_BYTES = 8L * 1024 * 1024 - 64 * 1024;

    public LmTrainParams {
        algorithm = algorithm == null ? "streaming-diloco" : algorithm;
        boolean streaming = "streaming-diloco".equals(algorithm);
        workers = workers == null ? 2 : workers;
        innerSteps = innerSteps == null ? 20 : innerSteps;
        fragments = fragments == null ? (streaming ? 2 : 1) : fragments;
        fragmentLayout = fragmentLayout == null ? "strided" : fragmentLayout;
        overlap = overlap == null ? (streaming ? 1 : 0) : overlap;
        alpha = alpha == null ? 0.5 : alpha;
        quantisation = quantisation == null ? ("data-parallel".equals(algorithm) ? "none" : "fp4-e3m0") : quantisation;
        outerLr = outerLr == null ? 0.7 : outerLr;
        outerMomentum = outerMomentum == null ? 0.9 : outerMomentum;
        innerLr = innerLr == null ? 3e-3 : innerLr;
        warmupSteps = warmupSteps == null ? 20 : warmupSteps;
        minLrRatio = minLrRatio == null ? 0.1 : minLrRatio;
        weightDecay = weightDecay == null ? 0.1 : weightDecay;
        gradClip = gradClip == null ? 1.0 : gradClip;
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
        threadsPerWorker = threadsPerWorker == null ? 1 : threadsPerWorker;
        transport = transport == null ? "in-process" : transport;
        seed = seed == null ? 1L : seed;
        TrainerConfig c = config(algorithm, workers, innerSteps, fragments, fragmentLayout, overlap, alpha,
                quantisation, outerLr, outerMomentum, innerLr, warmupSteps, minLrRatio, weightDecay, gradClip, nLayer,
                nEmbd, nHead, seqLen, batch, corpus, syntheticVocab, corpusTokens, text, tokens, evalBatches,
                threadsPerWorker, seed); // every engine rule, named by field
        long params = ParameterLayout.gpt2(new GptConfig(c.corpus().vocabBound(), c.seqLen(), c.nEmbd(), c.nLayer(),
                c.nHead(), 1e-5f)).size();
        if (4 * params > MAX_CHECKPOINT_BYTES) {
            throw new IllegalArgumentException("nEmbd: the model has " + params + " parameters, its fp32 checkpoint ("
                    + 4 * params + " bytes) exceeds " + MAX_CHECKPOINT_BYTES + " bytes");
        }
    }

    /** The engine configuration (validates). */
    public TrainerConfig toConfig() {
        return config(algorithm, workers, innerSteps, fragments, fragmentLayout, overlap, alpha, quantisation, outerLr,
                outerMomentum, innerLr, warmupSteps, minLrRatio, weightDecay, gradClip, nLayer, nEmbd, nHead, seqLen,
                batch, corpus, syntheticVocab, corpusTokens, text, tokens, evalBatches, threadsPerWorker, seed);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    static TrainerConfig config(String algorithm, int workers, int innerSteps, int fragments, String fragmentLayout,
                                int overlap, double alpha, String quantisation, double outerLr, double outerMomentum,
                                double innerLr, int warmupSteps, double minLrRatio, double weightDecay,
                                double gradClip, int nLayer, int nEmbd, int nHead, int seqLen, int batch,
                                String corpus, int syntheticVocab, int corpusTokens, String text, long tokens,
                                int evalBatches, int threadsPerWorker, long seed) {
        Algorithm a = Algorithm.fromName("algorithm", algorithm);
        long perStep = (long) workers * batch * seqLen;
        long steps = tokens / perStep / innerSteps * innerSteps;
        if (steps > TrainerConfig.MAX_STEPS || steps < innerSteps) {
            throw new IllegalArgumentException("tokens: " + tokens + " tokens at " + perStep
                    + " tokens per inner step give " + (tokens / perStep) + " inner steps; need " + innerSteps
                    + ".." + TrainerConfig.MAX_STEPS + " (a multiple of innerSteps)");
        }
        if (warmupSteps >= steps) {
            throw new IllegalArgumentException("warmupSteps: must be below the run's " + steps + " inner steps, was "
                    + warmupSteps);
        }
        return new TrainerConfig(a, workers, innerSteps, fragments, "sequential".equals(fragmentLayout), overlap,
                (float) alpha, Codec.fromName("quantisation", quantisation), (float) outerLr,
                (float) outerMomentum, (float) innerLr, (float) minLrRatio, warmupSteps,
                (float) weightDecay, (float) gradClip, nLayer, nEmbd, nHead, seqLen, batch,
                new CorpusSpec(corpus, syntheticVocab, corpusTokens, text), (int) steps, evalBatches,
                threadsPerWorker, seed);
    }
}

package io.mlsyslab.training.trainer;

import io.mlsyslab.nn.json.Json;
import io.mlsyslab.training.quant.Codec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a worker needs to run its part of a training job; identical on every worker (it travels as JSON to
 * worker processes). Validation throws {@code IllegalArgumentException("field: message")}.
 *
 * @param innerSteps      H: inner steps per outer step (for data-parallel: the eval interval)
 * @param fragments       P: fragments of Streaming DiLoCo (1 for the other algorithms)
 * @param sequential      fragment layout: contiguous blocks instead of strided
 * @param overlap         tau: inner steps between sending a fragment's outer gradient and merging the result
 * @param alpha           merge weight of the local parameters: theta = alpha local + (1 - alpha) global (tau >= 1)
 * @param totalSteps      inner steps of every worker, a multiple of {@code innerSteps}
 * @param evalBatches     held-out batches (of {@code batch} sequences) per evaluation
 */
public record TrainerConfig(Algorithm algorithm, int workers, int innerSteps, int fragments, boolean sequential,
                            int overlap, float alpha, Codec quantisation, float outerLr, float outerMomentum,
                            float innerLr, float minLrRatio, int warmupSteps, float weightDecay, float gradClip,
                            int nLayer, int nEmbd, int nHead, int seqLen, int batch, CorpusSpec corpus,
                            int totalSteps, int evalBatches, int threadsPerWorker, long seed) {

    public static final int MAX_WORKERS = 8;
    public static final int MAX_STEPS = 200_000;

    public TrainerConfig {
        if (algorithm == null || quantisation == null || corpus == null) {
            throw new IllegalArgumentException("algorithm: algorithm, quantisation and corpus are required");
        }
        check(workers >= 1 && workers <= MAX_WORKERS, "workers", "must be in 1.." + MAX_WORKERS, workers);
        check(innerSteps >= 1 && innerSteps <= 10_000, "innerSteps", "must be in 1..10000", innerSteps);
        check(nLayer >= 1 && nLayer <= 12, "nLayer", "must be in 1..12", nLayer);
        check(nHead >= 1 && nEmbd % nHead == 0, "nHead", "must divide nEmbd=" + nEmbd, nHead);
        check(nEmbd >= 8 && nEmbd <= 512, "nEmbd", "must be in 8..512", nEmbd);
        check(seqLen >= 2 && seqLen <= 512, "seqLen", "must be in 2..512", seqLen);
        check(batch >= 1 && batch <= 256, "batch", "must be in 1..256", batch);
        check(evalBatches >= 1 && evalBatches <= 64, "evalBatches", "must be in 1..64", evalBatches);
        check(threadsPerWorker >= 1 && threadsPerWorker <= 64, "threadsPerWorker", "must be in 1..64",
                threadsPerWorker);
        check(totalSteps >= innerSteps && totalSteps <= MAX_STEPS, "tokens",
                "the budget must give between innerSteps=" + innerSteps + " and " + MAX_STEPS
                        + " inner steps per worker; it gives", totalSteps);
        check(totalSteps % innerSteps == 0, "tokens", "inner steps must be a multiple of innerSteps=" + innerSteps
                + ", were", totalSteps);
        check(warmupSteps >= 0 && warmupSteps < totalSteps, "warmupSteps", "must be in 0..totalSteps-1 ("
                + (totalSteps - 1) + ")", warmupSteps);
        checkF(innerLr > 0 && innerLr <= 1, "innerLr", "must be in (0, 1]", innerLr);
        checkF(minLrRatio >= 0 && minLrRatio <= 1, "minLrRatio", "must be in [0, 1]", minLrRatio);
        checkF(weightDecay >= 0 && weightDecay <= 1, "weightDecay", "must be in [0, 1]", weightDecay);
        checkF(gradClip >= 0 && Float.isFinite(gradClip), "gradClip", "must be >= 0 (0 = off)", gradClip);
        checkF(outerLr > 0 && outerLr <= 10, "outerLr", "must be in (0, 10]", outerLr);
        checkF(outerMomentum >= 0 && outerMomentum < 1, "outerMomentum", "must be in [0, 1)", outerMomentum);
        checkF(alpha >= 0 && alpha <= 1, "alpha", "must be in [0, 1]", alpha);
        long length = corpus.lengthLowerBound(), train = (long) (length * 0.9);
        if (train / workers < seqLen + 2 || length - train < seqLen + 1) {
            throw new IllegalArgumentException(("text".equals(corpus.kind()) ? "text" : "corpusTokens")
                    + ": a corpus of " + length + " tokens is too short: each of " + workers
                    + " workers needs a shard of at least seqLen + 2 = " + (seqLen + 2)
                    + " of the 90% training tokens, and the 10% held out at least seqLen + 1");
        }
        switch (algorithm) {
            case DATA_PARALLEL, DILOCO -> {
                check(fragments == 1, "fragments", "must be 1 unless the algorithm is streaming-diloco", fragments);
                check(overlap == 0, "overlap", "must be 0 unless the algorithm is streaming-diloco", overlap);
                if (algorithm == Algorithm.DATA_PARALLEL && quantisation != Codec.NONE) {
                    throw new IllegalArgumentException("quantisation: data-parallel averages fp32 gradients; "
                            + "quantisation applies to outer gradients of diloco and streaming-diloco only");
                }
            }
            case STREAMING_DILOCO -> {
                check(fragments >= 1 && fragments <= nLayer && nLayer % fragments == 0, "fragments",
                        "fragments must divide nLayer=" + nLayer + ", was", fragments);
                check(innerSteps % fragments == 0, "fragments", "must divide innerSteps=" + innerSteps
                        + " (fragment offsets are multiples of H/P), was", fragments);
                check(overlap >= 0 && overlap < innerSteps / fragments, "overlap",
                        "must be in 0..H/P-1 = " + (innerSteps / fragments - 1)
                                + " (one fragment in flight at a time), was", overlap);
            }
        }
    }

    private static void check(boolean ok, String field, String message, long value) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message + " " + value);
        }
    }

    private static void checkF(boolean ok, String field, String message, double value) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message + ", was " + value);
        }
    }

    /** Sequences of {@code seqLen} tokens a worker processes per inner step. */
    public long tokensPerStep() {
        return (long) workers * batch * seqLen;
    }

    /** Whether the trainer synchronises outer gradients (DiLoCo variants) rather than gradients. */
    public boolean outer() {
        return algorithm != Algorithm.DATA_PARALLEL;
    }

    /** Effective number of fragments (1 for DiLoCo). */
    public int effectiveFragments() {
        return algorithm == Algorithm.STREAMING_DILOCO ? fragments : 1;
    }

    /** Effective overlap tau (0 for DiLoCo). */
    public int effectiveOverlap() {
        return algorithm == Algorithm.STREAMING_DILOCO ? overlap : 0;
    }

    /** A copy with other algorithm settings (for comparisons at equal everything else). */
    public TrainerConfig with(Algorithm a, int p, int tau, Codec q) {
        return new TrainerConfig(a, workers, innerSteps, p, sequential, tau, alpha, q, outerLr, outerMomentum,
                innerLr, minLrRatio, warmupSteps, weightDecay, gradClip, nLayer, nEmbd, nHead, seqLen, batch, corpus,
                totalSteps, evalBatches, threadsPerWorker, seed);
    }

    /** JSON for worker processes; floats travel as their raw bits so they arrive identical. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm.wireName());
        m.put("workers", workers);
        m.put("innerSteps", innerSteps);
        m.put("fragments", fragments);
        m.put("sequential", sequential);
        m.put("overlap", overlap);
        m.put("alpha", Float.floatToIntBits(alpha));
        m.put("quantisation", quantisation.wireName());
        m.put("outerLr", Float.floatToIntBits(outerLr));
        m.put("outerMomentum", Float.floatToIntBits(outerMomentum));
        m.put("innerLr", Float.floatToIntBits(innerLr));
        m.put("minLrRatio", Float.floatToIntBits(minLrRatio));
        m.put("warmupSteps", warmupSteps);
        m.put("weightDecay", Float.floatToIntBits(weightDecay));
        m.put("gradClip", Float.floatToIntBits(gradClip));
        m.put("nLayer", nLayer);
        m.put("nEmbd", nEmbd);
        m.put("nHead", nHead);
        m.put("seqLen", seqLen);
        m.put("batch", batch);
        m.put("corpusKind", corpus.kind());
        m.put("syntheticVocab", corpus.syntheticVocab());
        m.put("corpusTokens", corpus.corpusTokens());
        if (corpus.text() != null) {
            m.put("text", corpus.text());
        }
        m.put("totalSteps", totalSteps);
        m.put("evalBatches", evalBatches);
        m.put("threadsPerWorker", threadsPerWorker);
        m.put("seed", Long.toString(seed));
        return Json.write(m);
    }

    /** Parses {@link #toJson()}. */
    public static TrainerConfig fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        return new TrainerConfig(Algorithm.fromName("algorithm", (String) m.get("algorithm")), i(m, "workers"),
                i(m, "innerSteps"), i(m, "fragments"), (Boolean) m.get("sequential"), i(m, "overlap"),
                f(m, "alpha"), Codec.fromName("quantisation", (String) m.get("quantisation")), f(m, "outerLr"),
                f(m, "outerMomentum"), f(m, "innerLr"), f(m, "minLrRatio"), i(m, "warmupSteps"),
                f(m, "weightDecay"), f(m, "gradClip"), i(m, "nLayer"), i(m, "nEmbd"), i(m, "nHead"),
                i(m, "seqLen"), i(m, "batch"),
                new CorpusSpec((String) m.get("corpusKind"), i(m, "syntheticVocab"), i(m, "corpusTokens"),
                        (String) m.get("text")),
                i(m, "totalSteps"), i(m, "evalBatches"), i(m, "threadsPerWorker"),
                Long.parseLong((String) m.get("seed")));
    }

    private static int i(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).intValue();
    }

    private static float f(Map<String, Object> m, String k) {
        return Float.intBitsToFloat(((Number) m.get(k)).intValue());
    }
}

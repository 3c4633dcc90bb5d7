package io.mlsyslab.inference.nanoflow;

/**
 * The tokens of one dense batch (or of one nano-batch slice of it): decode tokens with the mean context they attend
 * to, and prefill tokens with theirs.
 *
 * @param decodeTokens   decode tokens (one per running request)
 * @param decodeContext  mean KV length a decode token reads
 * @param prefillTokens  chunked-prefill tokens
 * @param prefillContext mean context a prefill token attends to (Table 2 counts the full prompt)
 */
public record BatchMix(double decodeTokens, double decodeContext, double prefillTokens, double prefillContext) {

    public BatchMix {
        if (!(decodeTokens >= 0 && prefillTokens >= 0 && decodeContext >= 0 && prefillContext >= 0)) {
            throw new IllegalArgumentException("batch: token counts and contexts must be >= 0");
        }
    }

    /**
     * The steady state of Sarathi-style batch formation with a fixed dense budget: decode tokens take d/(p+d) of the
     * budget and chunked prefill the rest; a decode token reads p + d/2 tokens of KV on average.
     */
    public static BatchMix steadyState(Workload w, double denseTokens) {
        double decode = denseTokens * w.decodeShare();
        return new BatchMix(decode, w.decodeContext(), denseTokens - decode, w.prefillContext());
    }

    public double tokens() {
        return decodeTokens + prefillTokens;
    }

    /**
     * The slice of this batch at token positions [lo, hi), decode tokens first (NanoFlow orders the dense batch that
     * way); contexts stay the batch means.
     */
    public BatchMix slice(double lo, double hi) {
        double dec = Math.max(0, Math.min(hi, decodeTokens) - Math.max(lo, 0));
        double pre = Math.max(0, Math.min(hi, tokens()) - Math.max(lo, decodeTokens));
        return new BatchMix(dec, decodeContext, pre, prefillContext);
    }
}

package io.mlsyslab.inference.engine;

/**
 * Engine limits.
 *
 * @param maxBatchedTokens rows per iteration (decodes first, then chunked prefill fills the rest)
 * @param maxRunning       sequence slots: sequences holding KV memory at once
 * @param maxWaiting       sequences waiting for admission before new requests are refused (429)
 * @param kvCacheBytes     key/value memory of the paged pool
 * @param pageSize         positions per KV page
 * @param nanoBatches      1 = sequential stages; k &gt; 1 = nano-batch pipeline with k nano-batches
 * @param computeThreads   threads of the compute (GEMM) executor's pool
 * @param attentionThreads threads of the memory (attention) executor's pool
 */
public record EngineConfig(int maxBatchedTokens, int maxRunning, int maxWaiting, long kvCacheBytes, int pageSize,
                           int nanoBatches, int computeThreads, int attentionThreads) {
    public EngineConfig {
        positive("maxBatchedTokens", maxBatchedTokens);
        positive("maxRunning", maxRunning);
        positive("maxWaiting", maxWaiting);
        positive("pageSize", pageSize);
        positive("nanoBatches", nanoBatches);
        positive("computeThreads", computeThreads);
        positive("attentionThreads", attentionThreads);
        if (kvCacheBytes < 1) {
            throw new IllegalArgumentException("kvCacheBytes: must be >= 1");
        }
    }

    /** A copy with another nano-batch count. */
    public EngineConfig withNanoBatches(int k) {
        return new EngineConfig(maxBatchedTokens, maxRunning, maxWaiting, kvCacheBytes, pageSize, k, computeThreads,
                attentionThreads);
    }

    /** A copy with another KV budget. */
    public EngineConfig withKvCacheBytes(long bytes) {
        return new EngineConfig(maxBatchedTokens, maxRunning, maxWaiting, bytes, pageSize, nanoBatches,
                computeThreads, attentionThreads);
    }

    private static void positive(String field, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + ": must be >= 1, was " + v);
        }
    }
}

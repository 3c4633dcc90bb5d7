package io.mlsyslab.nn.decode;

import io.mlsyslab.nn.kernel.ComputePool;

/**
 * The attention step of incremental decoding, behind an interface so that the keys and values can live anywhere:
 * in a local {@link KvCache} ({@link CachedAttention}) or in a remote store that computes attention next to the
 * data (in-storage attention). The decoder calls {@link #append} for every new position of a layer before it calls
 * {@link #attend} for any query of that layer.
 *
 * <p>The decoder reaches a backend through the batched {@link #appendBatch} and {@link #attendBatch}, once per
 * layer and row range. Their defaults loop over the single-row methods; a remote backend overrides them to make
 * one round trip per layer instead of one per row.
 */
public interface AttentionBackend {
    /** Stores the key and value ({@code kvHeads * headDim} floats each) of position {@code pos} of a sequence. */
    void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff);

    /**
     * Writes into {@code out} ({@code nHead * headDim} floats) the attention of query {@code q} over positions
     * {@code [0, length)} of the sequence in this layer.
     */
    void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff);

    /**
     * Stores the keys and values of rows {@code [from, to)}: row {@code r} is position {@code positions[r]} of
     * sequence {@code seqs[r]}, its key at {@code k[kOff + r * stride]} and its value at {@code v[vOff + r * stride]}.
     */
    default void appendBatch(int layer, int[] seqs, int[] positions, int from, int to, float[] k, int kOff,
                             float[] v, int vOff, int stride) {
        for (int r = from; r < to; r++) {
            append(layer, seqs[r], positions[r], k, kOff + r * stride, v, vOff + r * stride);
        }
    }

    /**
     * Attention of rows {@code [from, to)}: row {@code r} attends with the query at {@code q[qOff + r * qStride]}
     * over positions {@code [0, lengths[r])} of sequence {@code seqs[r]} and writes {@code out[outOff + r *
     * outStride]}. The default spreads the rows over {@code pool} (backends must then allow concurrent
     * {@link #attend} calls); rows are independent, so the result does not depend on how they are spread.
     */
    default void attendBatch(int layer, int[] seqs, int[] lengths, int from, int to, float[] q, int qOff,
                             int qStride, float[] out, int outOff, int outStride, ComputePool pool) {
        int rows = to - from;
        if (rows <= 0) {
            return;
        }
        int lanes = Math.min(rows, pool.threads());
        pool.parallelFor(lanes, lane -> {
            for (int r = from + lane; r < to; r += lanes) {
                attend(layer, seqs[r], lengths[r], q, qOff + r * qStride, out, outOff + r * outStride);
            }
        });
    }
}

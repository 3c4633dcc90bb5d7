package io.mlsyslab.nn.decode;

/**
 * The attention step of incremental decoding, behind an interface so that the keys and values can live anywhere:
 * in a local {@link KvCache} ({@link CachedAttention}) or in a remote store that computes attention next to the
 * data (in-storage attention). The decoder calls {@link #append} for every new position of a layer before it calls
 * {@link #attend} for any query of that layer.
 */
public interface AttentionBackend {
    /** Stores the key and value ({@code kvHeads * headDim} floats each) of position {@code pos} of a sequence. */
    void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff);

    /**
     * Writes into {@code out} ({@code nHead * headDim} floats) the attention of query {@code q} over positions
     * {@code [0, length)} of the sequence in this layer.
     */
    void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff);
}

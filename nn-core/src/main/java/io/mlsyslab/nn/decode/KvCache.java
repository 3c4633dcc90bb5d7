package io.mlsyslab.nn.decode;

import java.lang.foreign.MemorySegment;

/**
 * Per-sequence, per-layer storage of attention keys and values.
 *
 * <p>Each (layer, sequence) pair owns a keys segment and a values segment of {@link #capacity()} positions laid out
 * position-major, {@code [position, kvHead, headDim]} floats in native byte order, which is the layout
 * {@link io.mlsyslab.nn.kernel.DecodeAttention} reads. Implementations decide where the bytes live (Java heap,
 * native memory, a memory-mapped file).
 */
public interface KvCache {
    /** Transformer layers covered. */
    int layers();

    /** Sequence slots. */
    int sequences();

    /** Positions each sequence can hold. */
    int capacity();

    /** Key/value heads per position. */
    int kvHeads();

    /** Floats per head. */
    int headDim();

    /** Writes the key and value ({@code kvHeads * headDim} floats each) of one position. */
    void write(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff);

    /** Keys of one sequence in one layer (whole capacity; the caller knows how many positions are valid). */
    MemorySegment keys(int layer, int seq);

    /** Values of one sequence in one layer. */
    MemorySegment values(int layer, int seq);
}

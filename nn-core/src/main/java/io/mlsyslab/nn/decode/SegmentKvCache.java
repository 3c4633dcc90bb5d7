package io.mlsyslab.nn.decode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@link KvCache} over {@link MemorySegment}s, either on the Java heap ({@link #onHeap}) or in native memory owned
 * by an {@link Arena} ({@link #offHeap}; closing the arena frees it).
 */
public final class SegmentKvCache implements KvCache {
    private final int layers, sequences, capacity, kvHeads, headDim;
    private final MemorySegment[] keys, values;

    private SegmentKvCache(int layers, int sequences, int capacity, int kvHeads, int headDim, Arena arena) {
        check("layers", layers);
        check("sequences", sequences);
        check("capacity", capacity);
        check("kvHeads", kvHeads);
        check("headDim", headDim);
        this.layers = layers;
        this.sequences = sequences;
        this.capacity = capacity;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        long floats = (long) capacity * kvHeads * headDim;
        if (arena == null && floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity: " + floats + " floats per sequence do not fit a heap array");
        }
        keys = new MemorySegment[layers * sequences];
        values = new MemorySegment[layers * sequences];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = arena == null ? MemorySegment.ofArray(new float[(int) floats])
                    : arena.allocate(floats * Float.BYTES, 64);
            values[i] = arena == null ? MemorySegment.ofArray(new float[(int) floats])
                    : arena.allocate(floats * Float.BYTES, 64);
        }
    }

    /** A cache whose segments wrap Java float arrays. */
    public static SegmentKvCache onHeap(int layers, int sequences, int capacity, int kvHeads, int headDim) {
        return new SegmentKvCache(layers, sequences, capacity, kvHeads, headDim, null);
    }

    /** A cache in native memory allocated from {@code arena}. */
    public static SegmentKvCache offHeap(Arena arena, int layers, int sequences, int capacity, int kvHeads,
                                         int headDim) {
        if (arena == null) {
            throw new IllegalArgumentException("arena: must not be null");
        }
        return new SegmentKvCache(layers, sequences, capacity, kvHeads, headDim, arena);
    }

    @Override
    public int layers() {
        return layers;
    }

    @Override
    public int sequences() {
        return sequences;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int kvHeads() {
        return kvHeads;
    }

    @Override
    public int headDim() {
        return headDim;
    }

    @Override
    public void write(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
        if (pos < 0 || pos >= capacity) {
            throw new IllegalArgumentException("pos: " + pos + " outside cache capacity 0.." + (capacity - 1));
        }
        int width = kvHeads * headDim;
        long byteOff = (long) pos * width * Float.BYTES;
        int slot = slot(layer, seq);
        MemorySegment.copy(k, kOff, keys[slot], ValueLayout.JAVA_FLOAT, byteOff, width);
        MemorySegment.copy(v, vOff, values[slot], ValueLayout.JAVA_FLOAT, byteOff, width);
    }

    @Override
    public MemorySegment keys(int layer, int seq) {
        return keys[slot(layer, seq)];
    }

    @Override
    public MemorySegment values(int layer, int seq) {
        return values[slot(layer, seq)];
    }

    private int slot(int layer, int seq) {
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer: " + layer + " outside 0.." + (layers - 1));
        }
        if (seq < 0 || seq >= sequences) {
            throw new IllegalArgumentException("seq: " + seq + " outside 0.." + (sequences - 1));
        }
        return layer * sequences + seq;
    }

    private static void check(String field, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + ": must be >= 1, was " + v);
        }
    }
}

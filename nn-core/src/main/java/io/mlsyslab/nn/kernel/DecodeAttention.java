package io.mlsyslab.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Attention of one new query (all heads) over a sequence's cached keys and values, read directly from
 * {@link MemorySegment}s that may live on or off the Java heap.
 *
 * <p>{@link #attend} takes one position-major cache: position {@code j}, key/value head {@code g} starts at float
 * index {@code (j * nKvHead + g) * headDim}, native byte order. The softmax is computed online (streaming) in blocks
 * of {@value #BLOCK} positions: a running maximum and normaliser are rescaled as each block arrives, so the scores of
 * a long context are never materialised and the cache is read exactly once per head.
 *
 * <p>For caches split into pieces (pages, channels, drives, the kept pages of a sparse scan) the same computation is
 * exposed in split form: {@link #accumulate} folds one contiguous block of positions, in fp32, fp16 or bf16, into a
 * {@link Partial} (per head: running maximum, normaliser and unnormalised output), {@link Partial#merge} combines
 * partials computed over disjoint position sets, and {@link Partial#finish} normalises. The result does not depend
 * on how the positions were split, up to floating-point rounding.
 */
public final class DecodeAttention {
    static final int BLOCK = 64;
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int VL = Simd.LANES;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private DecodeAttention() {
    }

    /**
     * Computes {@code out_h = softmax(q_h K_g^T / sqrt(headDim)) V_g} for every query head h.
     *
     * @param q      query, {@code nHead * headDim} floats from {@code qOff}
     * @param keys   at least {@code length * nKvHead * headDim} floats
     * @param values same layout as keys
     * @param length number of cached positions to attend over, {@code >= 1}
     * @param out    receives {@code nHead * headDim} floats from {@code outOff}
     */
    public static void attend(float[] q, int qOff, MemorySegment keys, MemorySegment values, int length,
                              int nHead, int nKvHead, int headDim, float[] out, int outOff) {
        Checks.positive("length", length);
        Checks.positive("nHead", nHead);
        Checks.positive("nKvHead", nKvHead);
        Checks.positive("headDim", headDim);
        if (nHead % nKvHead != 0) {
            throw new IllegalArgumentException("nKvHead: must divide nHead=" + nHead + ", was " + nKvHead);
        }
        long needBytes = (long) length * nKvHead * headDim * Float.BYTES;
        if (keys.byteSize() < needBytes) {
            throw new IllegalArgumentException("keys: needs " + needBytes + " bytes, segment has " + keys.byteSize());
        }
        if (values.byteSize() < needBytes) {
            throw new IllegalArgumentException("values: needs " + needBytes + " bytes, segment has "
                    + values.byteSize());
        }
        Checks.range("q", q, qOff, (long) nHead * headDim);
        Checks.range("out", out, outOff, (long) nHead * headDim);
        int group = nHead / nKvHead;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        long rowStride = (long) nKvHead * headDim * Float.BYTES;
        Partial partial = new Partial(nHead, headDim);
        for (int g = 0; g < nKvHead; g++) {
            long off = (long) g * headDim * Float.BYTES;
            accumulate(q, qOff + g * group * headDim, group, keys, off, values, off, rowStride, length, headDim,
                    KvFormat.F32, ByteOrder.nativeOrder(), scale, partial, g * group);
        }
        partial.finish(out, outOff);
    }

    /**
     * Folds one contiguous block of positions into the partials of {@code heads} consecutive query heads that all
     * read the same key/value head (a grouped-query group, or a single head).
     *
     * @param q         the group's queries: {@code heads * headDim} floats from {@code qOff}
     * @param keys      segment holding the keys; position {@code j} starts at {@code keyOff + j * rowStride}
     * @param values    segment holding the values; position {@code j} starts at {@code valueOff + j * rowStride}
     * @param rowStride bytes between consecutive positions ({@code >= headDim * format.bytes()})
     * @param tokens    positions in the block ({@code 0} is allowed and changes nothing)
     * @param format    element format of keys and values
     * @param order     byte order of keys and values
     * @param scale     score scale, usually {@code 1 / sqrt(headDim)}
     * @param partial   receives the positions; heads {@code head0 .. head0 + heads - 1}
     */
    public static void accumulate(float[] q, int qOff, int heads, MemorySegment keys, long keyOff,
                                  MemorySegment values, long valueOff, long rowStride, int tokens, int headDim,
                                  KvFormat format, ByteOrder order, float scale, Partial partial, int head0) {
        Checks.nonNegative("tokens", tokens);
        Checks.positive("heads", heads);
        if (headDim != partial.headDim) {
            throw new IllegalArgumentException("headDim: partial has " + partial.headDim + ", was " + headDim);
        }
        if (head0 < 0 || head0 + heads > partial.heads) {
            throw new IllegalArgumentException("head0: heads " + head0 + ".." + (head0 + heads - 1)
                    + " outside partial of " + partial.heads);
        }
        Checks.range("q", q, qOff, (long) heads * headDim);
        if (tokens == 0) {
            return;
        }
        long rowBytes = (long) headDim * format.bytes();
        Checks.kvRows(keys, keyOff, values, valueOff, rowStride, tokens, rowBytes);
        if (Simd.ENABLED && format == KvFormat.F32 && order == NATIVE && headDim % VL == 0) {
            accumulateF32(q, qOff, heads, keys, keyOff, values, valueOff, rowStride, tokens, headDim, scale,
                    partial, head0);
            return;
        }
        float[] scores = new float[Math.min(BLOCK, tokens)];
        float[] acc = partial.acc;
        for (int i = 0; i < heads; i++) {
            int h = head0 + i;
            int qh = qOff + i * headDim, oh = h * headDim;
            float runningMax = partial.max[h];
            float norm = partial.sum[h];
            for (int j0 = 0; j0 < tokens; j0 += BLOCK) {
                int n = Math.min(BLOCK, tokens - j0);
                float blockMax = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    float s = SegmentVectors.dot(q, qh, keys, keyOff + (j0 + j) * rowStride, format, order, headDim)
                            * scale;
                    scores[j] = s;
                    blockMax = Math.max(blockMax, s);
                }
                float newMax = Math.max(runningMax, blockMax);
                if (runningMax != Float.NEGATIVE_INFINITY) {
                    float correction = (float) Math.exp(runningMax - newMax);
                    if (correction != 1f) {
                        norm *= correction;
                        VectorOps.scale(correction, acc, oh, headDim);
                    }
                }
                for (int j = 0; j < n; j++) {
                    float p = (float) Math.exp(scores[j] - newMax);
                    norm += p;
                    SegmentVectors.axpy(p, values, valueOff + (j0 + j) * rowStride, format, order, acc, oh, headDim);
                }
                runningMax = newMax;
            }
            partial.max[h] = runningMax;
            partial.sum[h] = norm;
        }
    }

    /**
     * The fp32, native-order form of {@link #accumulate} for head sizes that are a multiple of the vector length
     * (arguments already checked): per block of positions the scores come from vector dot products, their
     * exponentials are taken {@value #BLOCK} lanes at a time, and the weighted sum of values runs chunk by chunk with
     * the accumulators in registers (even and odd positions in two chains, added at the end of the block).
     */
    private static void accumulateF32(float[] q, int qOff, int heads, MemorySegment keys, long keyOff,
                                      MemorySegment values, long valueOff, long rowStride, int tokens, int headDim,
                                      float scale, Partial partial, int head0) {
        float[] scores = new float[BLOCK];
        float[] acc = partial.acc;
        int chunks = headDim / VL;
        for (int i = 0; i < heads; i++) {
            int h = head0 + i;
            int qh = qOff + i * headDim, oh = h * headDim;
            float runningMax = partial.max[h];
            float norm = partial.sum[h];
            for (int j0 = 0; j0 < tokens; j0 += BLOCK) {
                int n = Math.min(BLOCK, tokens - j0);
                long kRow = keyOff + j0 * rowStride;
                for (int j = 0; j < n; j++, kRow += rowStride) {
                    FloatVector dot = FloatVector.fromArray(S, q, qh)
                            .mul(FloatVector.fromMemorySegment(S, keys, kRow, NATIVE));
                    for (int c = 1; c < chunks; c++) {
                        dot = FloatVector.fromArray(S, q, qh + c * VL)
                                .fma(FloatVector.fromMemorySegment(S, keys, kRow + (long) c * VL * Float.BYTES,
                                        NATIVE), dot);
                    }
                    scores[j] = dot.reduceLanes(VectorOperators.ADD) * scale;
                }
                int padded = (n + VL - 1) / VL * VL;
                Arrays.fill(scores, n, padded, Float.NEGATIVE_INFINITY);
                FloatVector mx = FloatVector.fromArray(S, scores, 0);
                for (int j = VL; j < padded; j += VL) {
                    mx = mx.max(FloatVector.fromArray(S, scores, j));
                }
                float newMax = Math.max(runningMax, mx.reduceLanes(VectorOperators.MAX));
                FloatVector sum = FloatVector.zero(S);
                for (int j = 0; j < padded; j += VL) {
                    FloatVector p = FloatVector.fromArray(S, scores, j).sub(newMax).lanewise(VectorOperators.EXP);
                    sum = sum.add(p);
                    p.intoArray(scores, j);
                }
                float correction = runningMax == Float.NEGATIVE_INFINITY ? 0f
                        : (float) Math.exp(runningMax - newMax);
                norm = norm * correction + sum.reduceLanes(VectorOperators.ADD);
                long vRow = valueOff + j0 * rowStride;
                for (int c = 0; c < chunks; c++) {
                    long vc = vRow + (long) c * VL * Float.BYTES;
                    FloatVector even = FloatVector.fromArray(S, acc, oh + c * VL).mul(correction);
                    FloatVector odd = FloatVector.zero(S);
                    int j = 0;
                    for (; j + 1 < n; j += 2, vc += 2 * rowStride) {
                        even = FloatVector.fromMemorySegment(S, values, vc, NATIVE)
                                .fma(FloatVector.broadcast(S, scores[j]), even);
                        odd = FloatVector.fromMemorySegment(S, values, vc + rowStride, NATIVE)
                                .fma(FloatVector.broadcast(S, scores[j + 1]), odd);
                    }
                    if (j < n) {
                        even = FloatVector.fromMemorySegment(S, values, vc, NATIVE)
                                .fma(FloatVector.broadcast(S, scores[j]), even);
                    }
                    even.add(odd).intoArray(acc, oh + c * VL);
                }
                runningMax = newMax;
            }
            partial.max[h] = runningMax;
            partial.sum[h] = norm;
        }
    }

    /**
     * Split-softmax state of attention over a subset of positions, per query head: the largest score seen
     * ({@code -inf} when none), the normaliser {@code sum exp(s - max)} and the unnormalised output
     * {@code sum exp(s - max) v}. Not thread-safe; use one per thread and merge.
     */
    public static final class Partial {
        private final int heads;
        private final int headDim;
        private final float[] max;
        private final float[] sum;
        private final float[] acc;

        /** An empty partial (no positions) for {@code heads} query heads of {@code headDim}. */
        public Partial(int heads, int headDim) {
            Checks.positive("heads", heads);
            Checks.positive("headDim", headDim);
            this.heads = heads;
            this.headDim = headDim;
            this.max = new float[heads];
            this.sum = new float[heads];
            this.acc = new float[Math.multiplyExact(heads, headDim)];
            clear();
        }

        /** Forgets every position. */
        public void clear() {
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0f);
            Arrays.fill(acc, 0f);
        }

        public int heads() {
            return heads;
        }

        public int headDim() {
            return headDim;
        }

        /** Largest scaled score of head h, {@code -inf} if it has no positions. */
        public float max(int h) {
            return max[h];
        }

        /** Normaliser of head h relative to {@link #max(int)}; 0 if it has no positions. */
        public float sum(int h) {
            return sum[h];
        }

        /** Unnormalised output element d of head h. */
        public float accumulator(int h, int d) {
            return acc[h * headDim + d];
        }

        /** Whether head h has seen no position. */
        public boolean isEmpty(int h) {
            return sum[h] == 0f;
        }

        /** Adds the positions of {@code other} (same shape, disjoint positions) to this partial. */
        public void merge(Partial other) {
            if (other.heads != heads || other.headDim != headDim) {
                throw new IllegalArgumentException("other: shape " + other.heads + "x" + other.headDim
                        + " differs from " + heads + "x" + headDim);
            }
            for (int h = 0; h < heads; h++) {
                mergeHead(h, other.max[h], other.sum[h], other.acc, h * headDim);
            }
        }

        /** Adds head {@code otherHead} of {@code other} into head {@code h} of this partial. */
        public void mergeHead(int h, Partial other, int otherHead) {
            if (other.headDim != headDim) {
                throw new IllegalArgumentException("other: headDim " + other.headDim + " differs from " + headDim);
            }
            mergeHead(h, other.max[otherHead], other.sum[otherHead], other.acc, otherHead * headDim);
        }

        /**
         * Adds a raw partial of head h: maximum {@code m}, normaliser {@code s} and unnormalised output
         * {@code a[aOff .. aOff + headDim)} (the form a remote party can send).
         */
        public void mergeHead(int h, float m, float s, float[] a, int aOff) {
            if (s == 0f) {
                return;
            }
            if (sum[h] == 0f) {
                max[h] = m;
                sum[h] = s;
                System.arraycopy(a, aOff, acc, h * headDim, headDim);
                return;
            }
            float newMax = Math.max(max[h], m);
            float mine = (float) Math.exp(max[h] - newMax);
            float theirs = (float) Math.exp(m - newMax);
            int oh = h * headDim;
            for (int d = 0; d < headDim; d++) {
                acc[oh + d] = acc[oh + d] * mine + a[aOff + d] * theirs;
            }
            sum[h] = sum[h] * mine + s * theirs;
            max[h] = newMax;
        }

        /** Writes the normalised output of every head, {@code heads * headDim} floats from {@code outOff}. */
        public void finish(float[] out, int outOff) {
            Checks.range("out", out, outOff, (long) heads * headDim);
            for (int h = 0; h < heads; h++) {
                if (sum[h] == 0f) {
                    throw new IllegalStateException("length: head " + h + " has no positions to attend over");
                }
                float inv = 1f / sum[h];
                int oh = h * headDim;
                for (int d = 0; d < headDim; d++) {
                    out[outOff + oh + d] = acc[oh + d] * inv;
                }
            }
        }
    }
}

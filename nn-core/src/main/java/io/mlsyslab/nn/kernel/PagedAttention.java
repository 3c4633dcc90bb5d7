package io.mlsyslab.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decode attention over a paged KV cache, block by block: the same split softmax as
 * {@link DecodeAttention#accumulate}, without its per-position costs (widening, horizontal sums and a scalar
 * {@code exp} per position), for scans over many 16-bit pages.
 *
 * <p>A {@link Scan} folds blocks of consecutive positions of one key/value head into the running state of the
 * query heads that read it (a grouped-query group). Per block of up to {@link Scan#blockTokens()} positions it
 * <ol>
 *   <li>widens the whole key block, then the value block, once into reused fp32 arrays. fp16 in native memory
 *       (a mapped page) is converted straight from the segment by a plain {@code Float.float16ToFloat} loop, which
 *       C2 compiles to {@code vcvtph2ps}; on-heap or big-endian fp16 goes through a bulk copy into a
 *       {@code short[]} first; bf16 is a vector shift; fp32 is a bulk copy;</li>
 *   <li>scores the block's positions for every query head of the group, four positions at a time so each query
 *       vector load serves four keys;</li>
 *   <li>exponentiates the block's scores with one vectorised {@code exp} and rescales the running normaliser and
 *       output once per block (not once per position; not at all when the block does not raise the maximum);</li>
 *   <li>accumulates {@code p·V} as a small matrix product, up to eight output vectors held in registers across
 *       the block's positions.</li>
 * </ol>
 * {@link Scan#mergeInto} hands the state to a {@link DecodeAttention.Partial}, so pages scanned by different
 * threads are combined, and normalised, by the shared {@link DecodeAttention.Partial#merge} and
 * {@link DecodeAttention.Partial#finish}. Results agree with {@link DecodeAttention#accumulate} to fp32 rounding
 * (the summation order within a block and the vector {@code exp} differ).
 *
 * <p>Memory: each page's cache lines are requested all at once before it is widened ({@link Scan#touch}). The next
 * page is not fetched ahead: Java has no prefetch instruction, and the substitutes were measured slower
 * (benchmarks/STORAGE-BENCHMARKS.md): copying or widening the next page piecewise between the arithmetic, or
 * loading its cache lines a few at a time (demand loads that miss block the arithmetic behind them). Half of the
 * arithmetic is the fp16 widening, bound by {@code vcvtph2ps} and the fp32 stores.
 *
 * <p>{@link Scan#fold} runs the same fold over a batch of pages in native memory with {@link NativePagedAttention}
 * (C, AVX2/AVX-512), which converts fp16/bf16 rows in registers instead of widening them into a block: its
 * arithmetic alone takes roughly 50–70% of {@link Scan#add}'s (KvScanCpuMain's "pages in cache" rows), and it
 * leaves few enough instructions per cache line that the page reads overlap it. Both fold into the same state, so
 * a scan may mix them.
 */
public final class PagedAttention {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());
    private static final VectorSpecies<Short> SS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_BE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** fp32 bytes of one widened key (or value) block: small enough that K, V and scratch stay in L1. */
    private static final int BLOCK_BYTES = 8 << 10;
    private static final ThreadLocal<Scan> SCRATCH = new ThreadLocal<>();
    /** Cache-line size assumed by {@link Scan#touch}; one vector load per line. */
    private static final int LINE = 64;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;

    private PagedAttention() {
    }

    /**
     * This thread's reusable scan for {@code heads} query heads of {@code headDim}, cleared (allocated on first use
     * or when the shape changes). Do not hold it across calls that may use the scratch scan of the same thread.
     */
    public static Scan scratch(int heads, int headDim) {
        Scan s = SCRATCH.get();
        if (s == null || s.heads != heads || s.headDim != headDim) {
            s = new Scan(heads, headDim);
            SCRATCH.set(s);
        } else {
            s.clear();
        }
        return s;
    }

    /**
     * Running split-softmax state of {@code heads} query heads over the positions folded in so far (per head: the
     * largest score, the normaliser and the unnormalised output), with the fp32 scratch blocks the folding reuses.
     * Not thread-safe; one per thread.
     */
    public static final class Scan {
        private final int heads;
        private final int headDim;
        private final int blockTokens;
        /** On-heap or big-endian 16-bit rows are copied here before widening. */
        private final short[] raw;
        /** Folds the bytes {@link #touch} loaded, so that its loads are kept. */
        private long touched;
        private final float[] keys;
        private final float[] values;
        private final float[] scores;
        private final float[] max;
        private final float[] sum;
        private final float[] acc;

        /** An empty scan for {@code heads} query heads of {@code headDim}. */
        public Scan(int heads, int headDim) {
            Checks.positive("heads", heads);
            Checks.positive("headDim", headDim);
            this.heads = heads;
            this.headDim = headDim;
            this.blockTokens = Math.max(1, Math.min(64, BLOCK_BYTES / Float.BYTES / headDim));
            int block = Math.multiplyExact(blockTokens, headDim);
            this.raw = new short[block];
            this.keys = new float[block];
            this.values = new float[block];
            this.scores = new float[Math.multiplyExact(heads, blockTokens)];
            this.max = new float[heads];
            this.sum = new float[heads];
            this.acc = new float[Math.multiplyExact(heads, headDim)];
            clear();
        }

        public int heads() {
            return heads;
        }

        public int headDim() {
            return headDim;
        }

        /** Positions widened and scored together. */
        public int blockTokens() {
            return blockTokens;
        }

        /** Forgets every position. */
        public void clear() {
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0f);
            Arrays.fill(acc, 0f);
        }

        /**
         * Folds {@code tokens} consecutive positions of one key/value head into the state of all this scan's query
         * heads (a scan per grouped-query group); see {@link #add(float[], int, int, int, MemorySegment, long,
         * MemorySegment, long, long, int, KvFormat, ByteOrder, float)}.
         */
        public void add(float[] q, int qOff, MemorySegment keys, long keyOff, MemorySegment values, long valueOff,
                        long rowStride, int tokens, KvFormat format, ByteOrder order, float scale) {
            add(q, qOff, 0, heads, keys, keyOff, values, valueOff, rowStride, tokens, format, order, scale);
        }

        /**
         * Folds {@code tokens} consecutive positions of one key/value head into the state of query heads
         * {@code head0 .. head0 + groupHeads - 1} (the group that reads it; one scan can hold every group of a layer,
         * so pages may be visited in any order); arguments as in {@link DecodeAttention#accumulate} (position
         * {@code j} of the keys starts at {@code keyOff + j * rowStride}, of the values at
         * {@code valueOff + j * rowStride}).
         *
         * @param q          the group's queries: {@code groupHeads * headDim} floats from {@code qOff}
         * @param tokens     positions ({@code 0} is allowed and changes nothing)
         */
        public void add(float[] q, int qOff, int head0, int groupHeads, MemorySegment keys, long keyOff,
                        MemorySegment values, long valueOff, long rowStride, int tokens, KvFormat format,
                        ByteOrder order, float scale) {
            Checks.nonNegative("tokens", tokens);
            Checks.positive("groupHeads", groupHeads);
            if (head0 < 0 || head0 + groupHeads > heads) {
                throw new IllegalArgumentException("head0: heads " + head0 + ".." + (head0 + groupHeads - 1)
                        + " outside scan of " + heads);
            }
            Checks.range("q", q, qOff, (long) groupHeads * headDim);
            if (tokens == 0) {
                return;
            }
            long rowBytes = (long) headDim * format.bytes();
            Checks.kvRows(keys, keyOff, values, valueOff, rowStride, tokens, rowBytes);
            for (int j0 = 0; j0 < tokens; j0 += blockTokens) {
                int n = Math.min(blockTokens, tokens - j0);
                if (Simd.ENABLED && rowStride == rowBytes && keys.isNative() && values.isNative()) {
                    touch(keys, keyOff + j0 * rowStride, values, valueOff + j0 * rowStride, n * rowBytes);
                }
                widen(keys, keyOff + j0 * rowStride, rowStride, n, format, order, this.keys);
                score(q, qOff, groupHeads, n, scale);
                widen(values, valueOff + j0 * rowStride, rowStride, n, format, order, this.values);
                for (int i = 0; i < groupHeads; i++) {
                    float correction = softmaxBlock(head0 + i, i, n);
                    accumulate(head0 + i, i, n, correction);
                }
            }
        }

        /**
         * Folds a batch of pages in native memory with {@link NativePagedAttention} (callers check
         * {@link NativePagedAttention#available()}): page {@code i} of the batch, of kv-head {@code g}, is read by
         * this scan's heads {@code h = g·group .. g·group + group - 1}, whose queries start at
         * {@code q[qOff + h·headDim]}. The same arithmetic as {@link #add} for each page in batch order, to fp32
         * rounding; little-endian rows.
         */
        public void fold(float[] q, int qOff, int group, float scale, KvFormat format,
                         NativePagedAttention.Batch batch) {
            Checks.positive("group", group);
            if (batch.size() == 0) {
                return;
            }
            long needed = (long) (batch.maxKvHead() + 1) * group;
            if (needed > heads) {
                throw new IllegalArgumentException("group: kv-head " + batch.maxKvHead() + " × group " + group
                        + " needs " + needed + " query heads, scan has " + heads);
            }
            Checks.range("q", q, qOff, needed * headDim);
            NativePagedAttention.fold(q, qOff, headDim, group, scale, format, batch, max, sum, acc);
        }

        private static void bf16(short[] r, int count, float[] dst, int dstOff) {
            int i = 0;
            if (Simd.ENABLED) {
                for (; i < S.loopBound(count); i += S.length()) {
                    ((IntVector) ShortVector.fromArray(SS, r, i).convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0))
                            .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, dstOff + i);
                }
            }
            for (; i < count; i++) {
                dst[dstOff + i] = Float.intBitsToFloat((r[i] & 0xffff) << 16);
            }
        }

        /** Adds this scan's heads to heads {@code head0 ..} of {@code partial} (disjoint positions). */
        public void mergeInto(DecodeAttention.Partial partial, int head0) {
            if (partial.headDim() != headDim) {
                throw new IllegalArgumentException("partial: headDim " + partial.headDim() + " differs from "
                        + headDim);
            }
            if (head0 < 0 || head0 + heads > partial.heads()) {
                throw new IllegalArgumentException("head0: heads " + head0 + ".." + (head0 + heads - 1)
                        + " outside partial of " + partial.heads());
            }
            for (int h = 0; h < heads; h++) {
                partial.mergeHead(head0 + h, max[h], sum[h], acc, h * headDim);
            }
        }

        /**
         * Loads every cache line of a key block and of its value block (one vector load per line) before they are
         * widened. A block of a mapped page starts cold: hardware prefetchers stop at 4 KiB page boundaries, and the
         * widening loop, with several instructions per line, keeps too few line misses in flight to hide the
         * latency; this loop of one load per line asks for all lines of both pages nearly at once (measured: −16% of
         * the time of an 8192-token scan, JMH, 1 thread; benchmarks/STORAGE-BENCHMARKS.md).
         */
        private void touch(MemorySegment keys, long keyOff, MemorySegment values, long valueOff, long bytes) {
            ByteVector k = ByteVector.zero(BYTES), v = k;
            for (long o = 0; o + BYTES.vectorByteSize() <= bytes; o += LINE) {
                k = k.or(ByteVector.fromMemorySegment(BYTES, keys, keyOff + o, ByteOrder.LITTLE_ENDIAN));
                v = v.or(ByteVector.fromMemorySegment(BYTES, values, valueOff + o, ByteOrder.LITTLE_ENDIAN));
            }
            touched += k.or(v).lane(0);
        }

        /** Widens {@code n} rows into {@code dst[0 .. n * headDim)}. */
        private void widen(MemorySegment seg, long off, long rowStride, int n, KvFormat format, ByteOrder order,
                           float[] dst) {
            long rowBytes = (long) headDim * format.bytes();
            if (rowStride == rowBytes) {
                widenRun(seg, off, n * headDim, format, order, dst, 0);
            } else {
                for (int t = 0; t < n; t++) {
                    widenRun(seg, off + t * rowStride, headDim, format, order, dst, t * headDim);
                }
            }
        }

        private void widenRun(MemorySegment seg, long off, int count, KvFormat format, ByteOrder order, float[] dst,
                              int dstOff) {
            boolean le = order == ByteOrder.LITTLE_ENDIAN;
            switch (format) {
                case F32 -> MemorySegment.copy(seg, le ? FLOAT_LE : FLOAT_BE, off, dst, dstOff, count);
                case F16 -> {
                    if (le && seg.isNative()) {
                        f16Native(seg, off, count, dst, dstOff);
                    } else {
                        MemorySegment.copy(seg, le ? SHORT_LE : SHORT_BE, off, raw, 0, count);
                        f16Array(raw, count, dst, dstOff);
                    }
                }
                case BF16 -> {
                    MemorySegment.copy(seg, le ? SHORT_LE : SHORT_BE, off, raw, 0, count);
                    bf16(raw, count, dst, dstOff);
                }
            }
        }

        // two loops of one job each, so that each keeps a clean profile and C2 vectorises it (vcvtph2ps)
        private static void f16Native(MemorySegment seg, long off, int count, float[] dst, int dstOff) {
            for (int i = 0; i < count; i++) {
                dst[dstOff + i] = Float.float16ToFloat(seg.get(SHORT_LE, off + 2L * i));
            }
        }

        private static void f16Array(short[] r, int count, float[] dst, int dstOff) {
            for (int i = 0; i < count; i++) {
                dst[dstOff + i] = Float.float16ToFloat(r[i]);
            }
        }

        /** {@code scores[h][t] = scale · q_h · k_t} for the group's heads and the block's {@code n} positions. */
        private void score(float[] q, int qOff, int groupHeads, int n, float scale) {
            int d = headDim;
            float[] k = keys;
            for (int h = 0; h < groupHeads; h++) {
                int qh = qOff + h * d, so = h * blockTokens;
                int t = 0;
                if (Simd.ENABLED && d >= S.length()) {
                    int bound = S.loopBound(d), lanes = S.length();
                    for (; t + 4 <= n; t += 4) {
                        int r0 = t * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
                        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                        for (int c = 0; c < bound; c += lanes) {
                            FloatVector qv = FloatVector.fromArray(S, q, qh + c);
                            a0 = FloatVector.fromArray(S, k, r0 + c).fma(qv, a0);
                            a1 = FloatVector.fromArray(S, k, r1 + c).fma(qv, a1);
                            a2 = FloatVector.fromArray(S, k, r2 + c).fma(qv, a2);
                            a3 = FloatVector.fromArray(S, k, r3 + c).fma(qv, a3);
                        }
                        float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD),
                                s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
                        for (int c = bound; c < d; c++) {
                            float qc = q[qh + c];
                            s0 += qc * k[r0 + c];
                            s1 += qc * k[r1 + c];
                            s2 += qc * k[r2 + c];
                            s3 += qc * k[r3 + c];
                        }
                        scores[so + t] = s0 * scale;
                        scores[so + t + 1] = s1 * scale;
                        scores[so + t + 2] = s2 * scale;
                        scores[so + t + 3] = s3 * scale;
                    }
                }
                for (; t < n; t++) {
                    scores[so + t] = VectorOps.dot(q, qh, k, t * d, d) * scale;
                }
            }
        }

        /**
         * Replaces the block scores of group head i (scan head h) by {@code exp(s - newMax)}, updates its maximum
         * and normaliser and returns the factor by which its accumulated output must be rescaled.
         */
        private float softmaxBlock(int h, int i, int n) {
            int so = i * blockTokens;
            int t = 0;
            float blockMax = Float.NEGATIVE_INFINITY;
            if (Simd.ENABLED && n >= S.length()) {
                FloatVector m = FloatVector.fromArray(S, scores, so);
                for (t = S.length(); t < S.loopBound(n); t += S.length()) {
                    m = m.max(FloatVector.fromArray(S, scores, so + t));
                }
                blockMax = m.reduceLanes(VectorOperators.MAX);
            }
            for (; t < n; t++) {
                blockMax = Math.max(blockMax, scores[so + t]);
            }
            float old = max[h];
            float newMax = Math.max(old, blockMax);
            float correction = old == newMax ? 1f
                    : old == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(old - newMax);
            float blockSum = Softmax.expShifted(scores, so, n, newMax);
            sum[h] = sum[h] * correction + blockSum;
            max[h] = newMax;
            return correction;
        }

        /** {@code acc_h = correction · acc_h + Σ_t p[h][t] · v_t} over the block's {@code n} positions. */
        private void accumulate(int h, int i, int n, float correction) {
            int d = headDim, oh = h * d, so = i * blockTokens;
            float[] v = values;
            int c = 0;
            if (Simd.ENABLED) {
                int bound = S.loopBound(d), lanes = S.length();
                for (; c + 8 * lanes <= bound; c += 8 * lanes) {
                    accumulate8(oh + c, c, so, n, correction);
                }
                for (; c + 4 * lanes <= bound; c += 4 * lanes) {
                    FloatVector a0 = FloatVector.fromArray(S, acc, oh + c).mul(correction);
                    FloatVector a1 = FloatVector.fromArray(S, acc, oh + c + lanes).mul(correction);
                    FloatVector a2 = FloatVector.fromArray(S, acc, oh + c + 2 * lanes).mul(correction);
                    FloatVector a3 = FloatVector.fromArray(S, acc, oh + c + 3 * lanes).mul(correction);
                    for (int t = 0; t < n; t++) {
                        FloatVector p = FloatVector.broadcast(S, scores[so + t]);
                        int r = t * d + c;
                        a0 = FloatVector.fromArray(S, v, r).fma(p, a0);
                        a1 = FloatVector.fromArray(S, v, r + lanes).fma(p, a1);
                        a2 = FloatVector.fromArray(S, v, r + 2 * lanes).fma(p, a2);
                        a3 = FloatVector.fromArray(S, v, r + 3 * lanes).fma(p, a3);
                    }
                    a0.intoArray(acc, oh + c);
                    a1.intoArray(acc, oh + c + lanes);
                    a2.intoArray(acc, oh + c + 2 * lanes);
                    a3.intoArray(acc, oh + c + 3 * lanes);
                }
                for (; c < bound; c += lanes) {
                    FloatVector a = FloatVector.fromArray(S, acc, oh + c).mul(correction);
                    for (int t = 0; t < n; t++) {
                        a = FloatVector.fromArray(S, v, t * d + c).fma(FloatVector.broadcast(S, scores[so + t]), a);
                    }
                    a.intoArray(acc, oh + c);
                }
            }
            for (; c < d; c++) {
                float a = acc[oh + c] * correction;
                for (int t = 0; t < n; t++) {
                    a += scores[so + t] * v[t * d + c];
                }
                acc[oh + c] = a;
            }
        }

        /** Eight output vectors of one head held in registers across the block (columns {@code c ..}). */
        private void accumulate8(int o, int c, int so, int n, float correction) {
            int d = headDim, lanes = S.length();
            float[] v = values;
            FloatVector a0 = FloatVector.fromArray(S, acc, o).mul(correction);
            FloatVector a1 = FloatVector.fromArray(S, acc, o + lanes).mul(correction);
            FloatVector a2 = FloatVector.fromArray(S, acc, o + 2 * lanes).mul(correction);
            FloatVector a3 = FloatVector.fromArray(S, acc, o + 3 * lanes).mul(correction);
            FloatVector a4 = FloatVector.fromArray(S, acc, o + 4 * lanes).mul(correction);
            FloatVector a5 = FloatVector.fromArray(S, acc, o + 5 * lanes).mul(correction);
            FloatVector a6 = FloatVector.fromArray(S, acc, o + 6 * lanes).mul(correction);
            FloatVector a7 = FloatVector.fromArray(S, acc, o + 7 * lanes).mul(correction);
            for (int t = 0; t < n; t++) {
                FloatVector p = FloatVector.broadcast(S, scores[so + t]);
                int r = t * d + c;
                a0 = FloatVector.fromArray(S, v, r).fma(p, a0);
                a1 = FloatVector.fromArray(S, v, r + lanes).fma(p, a1);
                a2 = FloatVector.fromArray(S, v, r + 2 * lanes).fma(p, a2);
                a3 = FloatVector.fromArray(S, v, r + 3 * lanes).fma(p, a3);
                a4 = FloatVector.fromArray(S, v, r + 4 * lanes).fma(p, a4);
                a5 = FloatVector.fromArray(S, v, r + 5 * lanes).fma(p, a5);
                a6 = FloatVector.fromArray(S, v, r + 6 * lanes).fma(p, a6);
                a7 = FloatVector.fromArray(S, v, r + 7 * lanes).fma(p, a7);
            }
            a0.intoArray(acc, o);
            a1.intoArray(acc, o + lanes);
            a2.intoArray(acc, o + 2 * lanes);
            a3.intoArray(acc, o + 3 * lanes);
            a4.intoArray(acc, o + 4 * lanes);
            a5.intoArray(acc, o + 5 * lanes);
            a6.intoArray(acc, o + 6 * lanes);
            a7.intoArray(acc, o + 7 * lanes);
        }
    }
}

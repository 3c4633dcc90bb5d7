package io.mlsyslab.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Attention of one new query (all heads) over a sequence's cached keys and values, read directly from
 * {@link MemorySegment}s that may live on or off the Java heap.
 *
 * <p>The cache layout is position-major: position {@code j}, key/value head {@code g} starts at float index
 * {@code (j * nKvHead + g) * headDim}, native byte order. The softmax is computed online (streaming) in blocks of
 * {@value #BLOCK} positions: a running maximum and normaliser are rescaled as each block arrives, so the scores of
 * a long context are never materialised and the cache is read exactly once per head.
 */
public final class DecodeAttention {
    static final int BLOCK = 64;
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

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
        float[] scores = new float[Math.min(BLOCK, length)];
        for (int h = 0; h < nHead; h++) {
            int g = h / group;
            int qh = qOff + h * headDim, oh = outOff + h * headDim;
            java.util.Arrays.fill(out, oh, oh + headDim, 0f);
            float runningMax = Float.NEGATIVE_INFINITY;
            float norm = 0f;
            for (int j0 = 0; j0 < length; j0 += BLOCK) {
                int n = Math.min(BLOCK, length - j0);
                float blockMax = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    long base = ((long) (j0 + j) * nKvHead + g) * headDim * Float.BYTES;
                    float s = dot(q, qh, keys, base, headDim) * scale;
                    scores[j] = s;
                    blockMax = Math.max(blockMax, s);
                }
                float newMax = Math.max(runningMax, blockMax);
                float correction = (float) Math.exp(runningMax - newMax);
                if (correction != 1f) {
                    norm *= correction;
                    VectorOps.scale(correction, out, oh, headDim);
                }
                for (int j = 0; j < n; j++) {
                    float p = (float) Math.exp(scores[j] - newMax);
                    norm += p;
                    long base = ((long) (j0 + j) * nKvHead + g) * headDim * Float.BYTES;
                    axpy(p, values, base, out, oh, headDim);
                }
                runningMax = newMax;
            }
            VectorOps.scale(1f / norm, out, oh, headDim);
        }
    }

    private static float dot(float[] q, int qOff, MemorySegment seg, long byteOff, int n) {
        int i = 0;
        float sum = 0f;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < Simd.loopBound(n); i += S.length()) {
                acc = FloatVector.fromArray(S, q, qOff + i)
                        .fma(FloatVector.fromMemorySegment(S, seg, byteOff + (long) i * Float.BYTES, ORDER), acc);
            }
            sum = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += q[qOff + i] * seg.get(F, byteOff + (long) i * Float.BYTES);
        }
        return sum;
    }

    private static void axpy(float alpha, MemorySegment seg, long byteOff, float[] y, int yOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                FloatVector.fromMemorySegment(S, seg, byteOff + (long) i * Float.BYTES, ORDER)
                        .fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * seg.get(F, byteOff + (long) i * Float.BYTES);
        }
    }
}

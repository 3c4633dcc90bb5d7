package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal scaled-dot-product attention over a whole sequence, with grouped-query support (several query heads
 * share one key/value head), plus its exact backward pass.
 *
 * <p>Layouts are strided so the kernel can read straight out of a fused QKV buffer: the query of head {@code h}
 * at position {@code t} starts at {@code q[qOff + t * qStride + h * headDim]}; keys and values of key/value head
 * {@code g} at {@code k[kOff + t * kStride + g * headDim]} (same for v). Query head {@code h} uses key/value head
 * {@code h / (nHead / nKvHead)}. Scores are scaled by {@code 1/sqrt(headDim)}.
 */
public final class CausalAttention {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final int VL = Simd.LANES;

    private CausalAttention() {
    }

    /** Shape of one attention call; validated once so that forward and backward agree. */
    public record Shape(int seqLen, int nHead, int nKvHead, int headDim) {
        /** Validates the shape. */
        public Shape {
            Checks.positive("seqLen", seqLen);
            Checks.positive("nHead", nHead);
            Checks.positive("nKvHead", nKvHead);
            Checks.positive("headDim", headDim);
            if (nHead % nKvHead != 0) {
                throw new IllegalArgumentException("nKvHead: must divide nHead=" + nHead + ", was " + nKvHead);
            }
        }

        int group() {
            return nHead / nKvHead;
        }
    }

    /**
     * Forward pass. {@code probs}, when not null, receives the attention probabilities as {@code [nHead, T, T]}
     * starting at {@code probsOff} (row t holds {@code t + 1} used entries, the rest are zeroed); the backward pass
     * needs them.
     */
    public static void forward(Shape s, float[] q, int qOff, int qStride, float[] k, int kOff, int kStride,
                               float[] v, int vOff, int vStride, float[] out, int outOff, int outStride,
                               float[] probs, int probsOff) {
        int t = s.seqLen(), hd = s.headDim();
        checkRows("q", q, qOff, qStride, t, s.nHead() * hd);
        checkRows("k", k, kOff, kStride, t, s.nKvHead() * hd);
        checkRows("v", v, vOff, vStride, t, s.nKvHead() * hd);
        checkRows("out", out, outOff, outStride, t, s.nHead() * hd);
        if (probs != null) {
            Checks.range("probs", probs, probsOff, (long) s.nHead() * t * t);
        }
        float scale = (float) (1.0 / Math.sqrt(hd));
        if (Simd.ENABLED) {
            forwardVector(s, q, qOff, qStride, k, kOff, kStride, v, vOff, vStride, out, outOff, outStride,
                    probs, probsOff, scale);
            return;
        }
        float[] row = probs == null ? new float[t] : null;
        for (int h = 0; h < s.nHead(); h++) {
            int g = h / s.group();
            for (int i = 0; i < t; i++) {
                float[] p = probs == null ? row : probs;
                int pOff = probs == null ? 0 : probsOff + (h * t + i) * t;
                int qi = qOff + i * qStride + h * hd;
                for (int j = 0; j <= i; j++) {
                    p[pOff + j] = VectorOps.dot(q, qi, k, kOff + j * kStride + g * hd, hd) * scale;
                }
                Softmax.softmax(p, pOff, i + 1);
                if (probs != null) {
                    java.util.Arrays.fill(p, pOff + i + 1, pOff + t, 0f);
                }
                int oi = outOff + i * outStride + h * hd;
                java.util.Arrays.fill(out, oi, oi + hd, 0f);
                for (int j = 0; j <= i; j++) {
                    VectorOps.axpy(p[pOff + j], v, vOff + j * vStride + g * hd, out, oi, hd);
                }
            }
        }
    }

    /**
     * Backward pass given the probabilities recorded by {@link #forward}: accumulates into {@code dq}, {@code dk},
     * {@code dv} (same layouts and strides as q, k, v).
     */
    public static void backward(Shape s, float[] dout, int dOutOff, int dOutStride, float[] probs, int probsOff,
                                float[] q, int qOff, int qStride, float[] k, int kOff, int kStride,
                                float[] v, int vOff, int vStride,
                                float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff) {
        int t = s.seqLen(), hd = s.headDim();
        float scale = (float) (1.0 / Math.sqrt(hd));
        if (Simd.ENABLED) {
            backwardVector(s, dout, dOutOff, dOutStride, probs, probsOff, q, qOff, qStride, k, kOff, kStride,
                    v, vOff, vStride, dq, dqOff, dk, dkOff, dv, dvOff, scale);
            return;
        }
        float[] dp = new float[t];
        for (int h = 0; h < s.nHead(); h++) {
            int g = h / s.group();
            for (int i = 0; i < t; i++) {
                int pOff = probsOff + (h * t + i) * t;
                int doi = dOutOff + i * dOutStride + h * hd;
                // dV_j += p_ij dO_i ; dP_ij = dO_i . V_j
                float dot = 0f;
                for (int j = 0; j <= i; j++) {
                    int vj = j * vStride + g * hd;
                    VectorOps.axpy(probs[pOff + j], dout, doi, dv, dvOff + vj, hd);
                    dp[j] = VectorOps.dot(dout, doi, v, vOff + vj, hd);
                    dot += dp[j] * probs[pOff + j];
                }
                // dS_ij = p_ij (dP_ij - sum_j p_ij dP_ij); dQ_i += scale dS_ij K_j ; dK_j += scale dS_ij Q_i
                int qi = i * qStride + h * hd;
                for (int j = 0; j <= i; j++) {
                    float ds = probs[pOff + j] * (dp[j] - dot) * scale;
                    int kj = j * kStride + g * hd;
                    VectorOps.axpy(ds, k, kOff + kj, dq, dqOff + qi, hd);
                    VectorOps.axpy(ds, q, qOff + qi, dk, dkOff + kj, hd);
                }
            }
        }
    }

    /*
     * Vector paths. Head dimensions are small (32-128), so per-pair dot products would spend most of their time in
     * lane reductions. The forward pass writes every product as broadcast-multiply-adds into register accumulators:
     * score rows use a transposed copy of K so that one broadcast of q_i[d] updates VL keys at once, and the
     * weighted sum over positions accumulates a VL-wide slice of the head in a register across all positions. The
     * backward pass has four products per head; there the GEMM kernel over the whole square (twice the
     * multiply-adds of the causal triangle, at register-tile speed, operands read in place) measured faster.
     */

    private static void forwardVector(Shape s, float[] q, int qOff, int qStride, float[] k, int kOff, int kStride,
                                      float[] v, int vOff, int vStride, float[] out, int outOff, int outStride,
                                      float[] probs, int probsOff, float scale) {
        int t = s.seqLen(), hd = s.headDim(), tp = roundUp(t);
        float[] kt = new float[hd * tp];
        float[] row = new float[tp];
        int lastG = -1;
        for (int h = 0; h < s.nHead(); h++) {
            int g = h / s.group();
            if (g != lastG) {
                transpose(k, kOff + g * hd, kStride, t, hd, kt, tp);
                lastG = g;
            }
            for (int i = 0; i < t; i++) {
                scoreRow(q, qOff + i * qStride + h * hd, hd, kt, tp, i + 1, scale, row);
                causalSoftmax(row, i + 1);
                if (probs != null) {
                    int pOff = probsOff + (h * t + i) * t;
                    System.arraycopy(row, 0, probs, pOff, t);
                }
                weightedSum(row, 0, 1, i + 1, v, vOff + g * hd, vStride, hd, out, outOff + i * outStride + h * hd,
                        false);
            }
        }
    }

    private static void backwardVector(Shape s, float[] dout, int dOutOff, int dOutStride, float[] probs,
                                       int probsOff, float[] q, int qOff, int qStride, float[] k, int kOff,
                                       int kStride, float[] v, int vOff, int vStride, float[] dq, int dqOff,
                                       float[] dk, int dkOff, float[] dv, int dvOff, float scale) {
        int t = s.seqLen(), hd = s.headDim(), tp = roundUp(t);
        ComputePool serial = ComputePool.serial();
        float[] ds = new float[t * tp];
        for (int h = 0; h < s.nHead(); h++) {
            int g = h / s.group(), ph = probsOff + h * t * t;
            // dP = dO V^T ; dS_ij = p_ij (dP_ij - sum_j p_ij dP_ij) scale (zero past the diagonal, as p is)
            Sgemm.sgemm(serial, false, true, t, t, hd, 1f, dout, dOutOff + h * hd, dOutStride, v, vOff + g * hd,
                    vStride, 0f, ds, 0, tp);
            for (int i = 0; i < t; i++) {
                int pOff = ph + i * t, r = i * tp;
                float dot = 0f;
                for (int j = 0; j <= i; j++) {
                    dot += ds[r + j] * probs[pOff + j];
                }
                for (int j = 0; j <= i; j++) {
                    ds[r + j] = probs[pOff + j] * (ds[r + j] - dot) * scale;
                }
                java.util.Arrays.fill(ds, r + i + 1, r + t, 0f);
            }
            // dQ += dS K ; dK += dS^T Q ; dV += P^T dO
            Sgemm.sgemm(serial, false, false, t, hd, t, 1f, ds, 0, tp, k, kOff + g * hd, kStride,
                    1f, dq, dqOff + h * hd, qStride);
            Sgemm.sgemm(serial, true, false, t, hd, t, 1f, ds, 0, tp, q, qOff + h * hd, qStride,
                    1f, dk, dkOff + g * hd, kStride);
            Sgemm.sgemm(serial, true, false, t, hd, t, 1f, probs, ph, t, dout, dOutOff + h * hd, dOutStride,
                    1f, dv, dvOff + g * hd, vStride);
        }
    }

    /**
     * {@code dst[0..hd) (+)= sum_{j<count} w[wOff + j wStride] * x[xOff + j xStride .. + hd)}, with four
     * independent accumulator chains where the head is wide enough so the fused multiply-adds are not
     * latency-bound.
     */
    private static void weightedSum(float[] w, int wOff, int wStride, int count, float[] x, int xOff, int xStride,
                                    int hd, float[] dst, int dstOff, boolean accumulate) {
        int d = 0;
        for (; d + 2 * VL <= hd; d += 2 * VL) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            int j = 0, xj = xOff + d, wj = wOff;
            for (; j + 1 < count; j += 2, xj += 2 * xStride, wj += 2 * wStride) {
                FloatVector wa = FloatVector.broadcast(S, w[wj]), wb = FloatVector.broadcast(S, w[wj + wStride]);
                a0 = wa.fma(FloatVector.fromArray(S, x, xj), a0);
                a1 = wa.fma(FloatVector.fromArray(S, x, xj + VL), a1);
                b0 = wb.fma(FloatVector.fromArray(S, x, xj + xStride), b0);
                b1 = wb.fma(FloatVector.fromArray(S, x, xj + xStride + VL), b1);
            }
            if (j < count) {
                FloatVector wa = FloatVector.broadcast(S, w[wj]);
                a0 = wa.fma(FloatVector.fromArray(S, x, xj), a0);
                a1 = wa.fma(FloatVector.fromArray(S, x, xj + VL), a1);
            }
            a0 = a0.add(b0);
            a1 = a1.add(b1);
            if (accumulate) {
                a0 = a0.add(FloatVector.fromArray(S, dst, dstOff + d));
                a1 = a1.add(FloatVector.fromArray(S, dst, dstOff + d + VL));
            }
            a0.intoArray(dst, dstOff + d);
            a1.intoArray(dst, dstOff + d + VL);
        }
        for (; d + VL <= hd; d += VL) {
            FloatVector a0 = FloatVector.zero(S), b0 = FloatVector.zero(S);
            int j = 0, xj = xOff + d, wj = wOff;
            for (; j + 1 < count; j += 2, xj += 2 * xStride, wj += 2 * wStride) {
                a0 = FloatVector.broadcast(S, w[wj]).fma(FloatVector.fromArray(S, x, xj), a0);
                b0 = FloatVector.broadcast(S, w[wj + wStride]).fma(FloatVector.fromArray(S, x, xj + xStride), b0);
            }
            if (j < count) {
                a0 = FloatVector.broadcast(S, w[wj]).fma(FloatVector.fromArray(S, x, xj), a0);
            }
            a0 = a0.add(b0);
            if (accumulate) {
                a0 = a0.add(FloatVector.fromArray(S, dst, dstOff + d));
            }
            a0.intoArray(dst, dstOff + d);
        }
        for (; d < hd; d++) {
            float acc = accumulate ? dst[dstOff + d] : 0f;
            for (int j = 0; j < count; j++) {
                acc += w[wOff + j * wStride] * x[xOff + j * xStride + d];
            }
            dst[dstOff + d] = acc;
        }
    }

    /**
     * {@code row[j] = scale * (x[xOff..xOff+hd) . column j of xt)} for {@code j < count}, where {@code xt} is a
     * transposed {@code [hd, tp]} matrix; lanes past {@code count} up to the next multiple of VL are written with
     * whatever the zero padding gives. Up to four VL-wide column chunks share each broadcast of x[d], and their
     * accumulators are the independent chains that keep the multiply-adds from waiting on each other.
     */
    private static void scoreRow(float[] x, int xOff, int hd, float[] xt, int tp, int count, float scale,
                                 float[] row) {
        int c = 0;
        for (; c + 3 * VL < count; c += 4 * VL) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int d = 0, at = c; d < hd; d++, at += tp) {
                FloatVector xd = FloatVector.broadcast(S, x[xOff + d]);
                a0 = xd.fma(FloatVector.fromArray(S, xt, at), a0);
                a1 = xd.fma(FloatVector.fromArray(S, xt, at + VL), a1);
                a2 = xd.fma(FloatVector.fromArray(S, xt, at + 2 * VL), a2);
                a3 = xd.fma(FloatVector.fromArray(S, xt, at + 3 * VL), a3);
            }
            a0.mul(scale).intoArray(row, c);
            a1.mul(scale).intoArray(row, c + VL);
            a2.mul(scale).intoArray(row, c + 2 * VL);
            a3.mul(scale).intoArray(row, c + 3 * VL);
        }
        if (c + VL < count) {
            // two chunks, each split into even and odd d so there are still four chains
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S);
            int d = 0, at = c;
            for (; d + 1 < hd; d += 2, at += 2 * tp) {
                FloatVector xd = FloatVector.broadcast(S, x[xOff + d]);
                FloatVector xe = FloatVector.broadcast(S, x[xOff + d + 1]);
                a0 = xd.fma(FloatVector.fromArray(S, xt, at), a0);
                a1 = xd.fma(FloatVector.fromArray(S, xt, at + VL), a1);
                b0 = xe.fma(FloatVector.fromArray(S, xt, at + tp), b0);
                b1 = xe.fma(FloatVector.fromArray(S, xt, at + tp + VL), b1);
            }
            if (d < hd) {
                FloatVector xd = FloatVector.broadcast(S, x[xOff + d]);
                a0 = xd.fma(FloatVector.fromArray(S, xt, at), a0);
                a1 = xd.fma(FloatVector.fromArray(S, xt, at + VL), a1);
            }
            a0.add(b0).mul(scale).intoArray(row, c);
            a1.add(b1).mul(scale).intoArray(row, c + VL);
            c += 2 * VL;
        }
        if (c < count) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            int d = 0, at = c;
            for (; d + 3 < hd; d += 4, at += 4 * tp) {
                a0 = FloatVector.broadcast(S, x[xOff + d]).fma(FloatVector.fromArray(S, xt, at), a0);
                a1 = FloatVector.broadcast(S, x[xOff + d + 1]).fma(FloatVector.fromArray(S, xt, at + tp), a1);
                a2 = FloatVector.broadcast(S, x[xOff + d + 2]).fma(FloatVector.fromArray(S, xt, at + 2 * tp), a2);
                a3 = FloatVector.broadcast(S, x[xOff + d + 3]).fma(FloatVector.fromArray(S, xt, at + 3 * tp), a3);
            }
            for (; d < hd; d++, at += tp) {
                a0 = FloatVector.broadcast(S, x[xOff + d]).fma(FloatVector.fromArray(S, xt, at), a0);
            }
            a0.add(a1).add(a2.add(a3)).mul(scale).intoArray(row, c);
        }
    }

    /**
     * Softmax of {@code row[0..count)} computed over whole vectors: the lanes past {@code count} are masked to
     * minus infinity so they come out as exact zeros, which is what the causal mask wants; every lane of the row
     * ({@code row.length}, a multiple of VL) is written.
     */
    private static void causalSoftmax(float[] row, int count) {
        int end = roundUp(count);
        java.util.Arrays.fill(row, count, end, Float.NEGATIVE_INFINITY);
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < end; c += VL) {
            m = m.max(FloatVector.fromArray(S, row, c));
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        FloatVector sum = FloatVector.zero(S);
        for (int c = 0; c < end; c += VL) {
            FloatVector e = FloatVector.fromArray(S, row, c).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(row, c);
            sum = sum.add(e);
        }
        float inv = 1f / sum.reduceLanes(VectorOperators.ADD);
        for (int c = 0; c < end; c += VL) {
            FloatVector.fromArray(S, row, c).mul(inv).intoArray(row, c);
        }
        java.util.Arrays.fill(row, end, row.length, 0f);
    }

    /** Writes the {@code [rows, hd]} slice starting at {@code off} (row stride {@code stride}) as {@code [hd, tp]}. */
    private static void transpose(float[] src, int off, int stride, int rows, int hd, float[] dst, int tp) {
        for (int r = 0; r < rows; r++) {
            int sr = off + r * stride;
            for (int d = 0; d < hd; d++) {
                dst[d * tp + r] = src[sr + d];
            }
        }
    }

    private static int roundUp(int n) {
        return (n + VL - 1) / VL * VL;
    }

    private static void checkRows(String field, float[] a, int off, int stride, int rows, int width) {
        if (stride < width) {
            throw new IllegalArgumentException(field + ": row stride " + stride + " is below the row width " + width);
        }
        Checks.range(field, a, off, Checks.matrixSpan(rows, width, stride));
    }
}

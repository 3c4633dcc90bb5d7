package io.mlsyslab.nn.kernel;

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

    private static void checkRows(String field, float[] a, int off, int stride, int rows, int width) {
        if (stride < width) {
            throw new IllegalArgumentException(field + ": row stride " + stride + " is below the row width " + width);
        }
        Checks.range(field, a, off, Checks.matrixSpan(rows, width, stride));
    }
}

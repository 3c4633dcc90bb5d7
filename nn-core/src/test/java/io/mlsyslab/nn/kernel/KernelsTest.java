package io.mlsyslab.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelsTest {
    private final SplittableRandom random = new SplittableRandom(42);

    private float[] rand(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    private static void assertClose(float[] actual, float[] expected, float tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(tol));
        }
    }

    @Test
    void softmaxAndLogSoftmaxMatchReferenceAndAreStable() {
        for (int n : new int[]{1, 5, 16, 37, 100}) {
            float[] x = rand(n + 3, 20);
            x[3] = 1000f; // would overflow without the max shift
            float[] ref = x.clone(), sm = x.clone(), lref = x.clone(), lsm = x.clone();
            ReferenceKernels.softmax(ref, 3, n);
            Softmax.softmax(sm, 3, n);
            ReferenceKernels.logSoftmax(lref, 3, n);
            Softmax.logSoftmax(lsm, 3, n);
            assertClose(sm, ref, 1e-6f);
            assertClose(lsm, lref, 2e-5f);
            float[] both = x.clone();
            float lse = Softmax.softmaxLogSumExp(both, 3, n);
            assertClose(both, ref, 1e-6f);
            // log p_j = x_j - lse, checked against the reference log-softmax on every element
            for (int j = 0; j < n; j++) {
                assertThat(x[3 + j] - lse).as("n %d element %d", n, j).isCloseTo(lref[3 + j], within(2e-5f));
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += sm[3 + i];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void layerNormMatchesReferenceAndBackwardMatchesFiniteDifferences() {
        int n = 37, rows = 3;
        float[] x = rand(rows * n, 2), w = rand(n, 1), b = rand(n, 1);
        float[] out = new float[rows * n], ref = new float[rows * n], mean = new float[rows], rstd = new float[rows];
        LayerNorm.forward(x, 0, w, 0, b, 0, 1e-5f, rows, n, out, 0, mean, rstd, 0);
        for (int r = 0; r < rows; r++) {
            ReferenceKernels.layerNorm(x, r * n, w, b, 1e-5f, n, ref, r * n);
        }
        assertClose(out, ref, 1e-5f);
        // loss = sum(out * g): check dL/dx numerically in double
        float[] g = rand(rows * n, 1);
        float[] dx = new float[rows * n], dw = new float[n], db = new float[n];
        LayerNorm.backward(g, 0, x, 0, w, 0, mean, rstd, 0, rows, n, dx, 0, dw, 0, db, 0);
        for (int idx : new int[]{0, 5, n + 3, 2 * n + 36}) {
            double h = 1e-2;
            float[] xp = x.clone(), xm = x.clone();
            xp[idx] += (float) h;
            xm[idx] -= (float) h;
            double fd = (lnLoss(xp, w, b, g, rows, n) - lnLoss(xm, w, b, g, rows, n)) / (xp[idx] - xm[idx]);
            assertThat((double) dx[idx]).isCloseTo(fd, within(2e-3 * (1 + Math.abs(fd))));
        }
        double sumG = 0;
        for (int r = 0; r < rows; r++) {
            sumG += g[r * n + 7];
        }
        assertThat((double) db[7]).isCloseTo(sumG, within(1e-5));
    }

    private static double lnLoss(float[] x, float[] w, float[] b, float[] g, int rows, int n) {
        float[] out = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            ReferenceKernels.layerNorm(x, r * n, w, b, 1e-5f, n, out, r * n);
        }
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += (double) out[i] * g[i];
        }
        return s;
    }

    @Test
    void geluStaysFiniteAndAccurateFarIntoBothTails() {
        // exp(-2u) overflows to infinity below x ~ -6; the result must still be the (tiny) exact value, not NaN
        int n = 64;
        float[] x = new float[n], out = new float[n], dx = new float[n], ones = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -80f + 160f * i / (n - 1);
        }
        java.util.Arrays.fill(ones, 1f);
        Gelu.forward(x, 0, out, 0, n);
        Gelu.backward(x, 0, ones, 0, dx, 0, n);
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).as("gelu(%s)", x[i]).isCloseTo(ReferenceKernels.gelu(x[i]), within(2e-6f * (1 + Math.abs(x[i]))));
            assertThat(dx[i]).as("gelu'(%s)", x[i]).isCloseTo(ReferenceKernels.geluGrad(x[i]), within(1e-5f));
        }
    }

    @Test
    void geluMatchesReferenceAndItsDerivative() {
        float[] x = rand(53, 6);
        float[] out = new float[53], dx = new float[53], ones = new float[53];
        java.util.Arrays.fill(ones, 1f);
        Gelu.forward(x, 0, out, 0, 53);
        Gelu.backward(x, 0, ones, 0, dx, 0, 53);
        for (int i = 0; i < 53; i++) {
            assertThat(out[i]).isCloseTo(ReferenceKernels.gelu(x[i]), within(2e-6f * (1 + Math.abs(x[i]))));
            assertThat(dx[i]).isCloseTo(ReferenceKernels.geluGrad(x[i]), within(1e-5f));
        }
        assertThat(ReferenceKernels.geluGrad(0.3f)).isCloseTo(
                (ReferenceKernels.gelu(0.301f) - ReferenceKernels.gelu(0.299f)) / 0.002f, within(1e-3f));
    }

    @Test
    void matvecAndVecmatMatchReference() {
        int m = 19, n = 41;
        float[] a = rand(m * n, 1), x = rand(n, 1), xm = rand(m, 1);
        float[] y = new float[m], ref = new float[m];
        MatVec.matvec(m, n, a, 0, n, x, 0, y, 0);
        ReferenceKernels.matvec(a, m, n, x, ref);
        assertClose(y, ref, 1e-5f);
        float[] z = new float[n], zref = new float[n];
        MatVec.vecmat(m, n, xm, 0, a, 0, n, z, 0);
        ReferenceKernels.sgemm(false, false, 1, n, m, 1f, xm, 0, m, a, 0, n, 0f, zref, 0, n);
        assertClose(z, zref, 1e-5f);
        assertThatThrownBy(() -> MatVec.matvec(m, n, a, 0, n, new float[3], 0, y, 0)).hasMessageStartingWith("x:");
    }

    @Test
    void causalAttentionWithGroupedQueriesMatchesReference() {
        int t = 13, nHead = 6, nKv = 2, hd = 20;
        float[] q = rand(t * nHead * hd, 1), k = rand(t * nKv * hd, 1), v = rand(t * nKv * hd, 1);
        float[] out = new float[t * nHead * hd], ref = new float[t * nHead * hd];
        var shape = new CausalAttention.Shape(t, nHead, nKv, hd);
        CausalAttention.forward(shape, q, 0, nHead * hd, k, 0, nKv * hd, v, 0, nKv * hd, out, 0, nHead * hd,
                new float[nHead * t * t], 0);
        ReferenceKernels.causalAttention(q, k, v, ref, t, nHead, nKv, hd);
        assertClose(out, ref, 1e-5f);
        assertThatThrownBy(() -> new CausalAttention.Shape(4, 6, 4, 8)).hasMessageStartingWith("nKvHead:");
    }

    @Test
    void causalAttentionBackwardMatchesFiniteDifferences() {
        int t = 5, nHead = 4, nKv = 2, hd = 3;
        var shape = new CausalAttention.Shape(t, nHead, nKv, hd);
        float[] q = rand(t * nHead * hd, 1), k = rand(t * nKv * hd, 1), v = rand(t * nKv * hd, 1);
        float[] g = rand(t * nHead * hd, 1);
        float[] probs = new float[nHead * t * t], out = new float[t * nHead * hd];
        CausalAttention.forward(shape, q, 0, nHead * hd, k, 0, nKv * hd, v, 0, nKv * hd, out, 0, nHead * hd, probs, 0);
        float[] dq = new float[q.length], dk = new float[k.length], dv = new float[v.length];
        CausalAttention.backward(shape, g, 0, nHead * hd, probs, 0, q, 0, nHead * hd, k, 0, nKv * hd, v, 0, nKv * hd,
                dq, 0, dk, 0, dv, 0);
        float[][] inputs = {q, k, v};
        float[][] grads = {dq, dk, dv};
        for (int which = 0; which < 3; which++) {
            for (int idx = 0; idx < inputs[which].length; idx += 7) {
                float[] in = inputs[which];
                float old = in[idx];
                in[idx] = old + 1e-2f;
                double plus = attLoss(q, k, v, g, t, nHead, nKv, hd);
                in[idx] = old - 1e-2f;
                double minus = attLoss(q, k, v, g, t, nHead, nKv, hd);
                in[idx] = old;
                double fd = (plus - minus) / 2e-2;
                assertThat((double) grads[which][idx]).as("input %d idx %d", which, idx)
                        .isCloseTo(fd, within(1e-3 * (1 + Math.abs(fd))));
            }
        }
    }

    @Test
    void causalAttentionOnFusedWideHeadsMatchesDoublePrecisionGradients() {
        // head width 56 covers the two-vector, one-vector and scalar-tail blocks of the vector path (8 or 16 lanes);
        // q, k, v are read out of one fused [t, 3 * width] buffer as the training pass does
        int t = 37, nHead = 4, nKv = 2, hd = 56, qw = nHead * hd, kw = nKv * hd, stride = qw + 2 * kw;
        var shape = new CausalAttention.Shape(t, nHead, nKv, hd);
        float[] qkv = rand(t * stride, 5), g = rand(t * qw, 6);
        float[] out = new float[t * qw], probs = new float[nHead * t * t], dqkv = new float[t * stride];
        CausalAttention.forward(shape, qkv, 0, stride, qkv, qw, stride, qkv, qw + kw, stride, out, 0, qw, probs, 0);
        CausalAttention.backward(shape, g, 0, qw, probs, 0, qkv, 0, stride, qkv, qw, stride, qkv, qw + kw, stride,
                dqkv, 0, dqkv, qw, dqkv, qw + kw);
        float[] q = new float[t * qw], k = new float[t * kw], v = new float[t * kw];
        for (int i = 0; i < t; i++) {
            System.arraycopy(qkv, i * stride, q, i * qw, qw);
            System.arraycopy(qkv, i * stride + qw, k, i * kw, kw);
            System.arraycopy(qkv, i * stride + qw + kw, v, i * kw, kw);
        }
        float[] ref = new float[t * qw];
        ReferenceKernels.causalAttention(q, k, v, ref, t, nHead, nKv, hd);
        assertClose(out, ref, 1e-5f);
        double[][] expected = attentionGradients(q, k, v, g, t, nHead, nKv, hd);
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < stride; c++) {
                double e = c < qw ? expected[0][i * qw + c]
                        : c < qw + kw ? expected[1][i * kw + c - qw] : expected[2][i * kw + c - qw - kw];
                assertThat((double) dqkv[i * stride + c]).as("row %d column %d", i, c)
                        .isCloseTo(e, within(1e-4 * (1 + Math.abs(e))));
            }
        }
    }

    /** Analytic attention gradients {dq, dk, dv} of sum(out * g), in double precision, dense layouts. */
    private static double[][] attentionGradients(float[] q, float[] k, float[] v, float[] g, int t, int nHead,
                                                 int nKv, int hd) {
        double[] dq = new double[q.length], dk = new double[k.length], dv = new double[v.length];
        double scale = 1.0 / Math.sqrt(hd);
        for (int h = 0; h < nHead; h++) {
            int kh = h / (nHead / nKv);
            for (int i = 0; i < t; i++) {
                double[] p = new double[i + 1], dp = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY, sum = 0, pdp = 0;
                for (int j = 0; j <= i; j++) {
                    for (int d = 0; d < hd; d++) {
                        p[j] += (double) q[(i * nHead + h) * hd + d] * k[(j * nKv + kh) * hd + d] * scale;
                        dp[j] += (double) g[(i * nHead + h) * hd + d] * v[(j * nKv + kh) * hd + d];
                    }
                    max = Math.max(max, p[j]);
                }
                for (int j = 0; j <= i; j++) {
                    p[j] = Math.exp(p[j] - max);
                    sum += p[j];
                }
                for (int j = 0; j <= i; j++) {
                    p[j] /= sum;
                    pdp += p[j] * dp[j];
                }
                for (int j = 0; j <= i; j++) {
                    double ds = p[j] * (dp[j] - pdp) * scale;
                    for (int d = 0; d < hd; d++) {
                        dq[(i * nHead + h) * hd + d] += ds * k[(j * nKv + kh) * hd + d];
                        dk[(j * nKv + kh) * hd + d] += ds * q[(i * nHead + h) * hd + d];
                        dv[(j * nKv + kh) * hd + d] += p[j] * g[(i * nHead + h) * hd + d];
                    }
                }
            }
        }
        return new double[][]{dq, dk, dv};
    }

    private static double attLoss(float[] q, float[] k, float[] v, float[] g, int t, int nHead, int nKv, int hd) {
        float[] out = new float[t * nHead * hd];
        ReferenceKernels.causalAttention(q, k, v, out, t, nHead, nKv, hd);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += (double) out[i] * g[i];
        }
        return s;
    }

    @Test
    void decodeAttentionOverOnAndOffHeapSegmentsMatchesLastRowOfCausalAttention() {
        int len = 150, nHead = 4, nKv = 2, hd = 12; // crosses several online-softmax blocks
        float[] q = rand(len * nHead * hd, 2), k = rand(len * nKv * hd, 2), v = rand(len * nKv * hd, 1);
        float[] ref = new float[len * nHead * hd];
        ReferenceKernels.causalAttention(q, k, v, ref, len, nHead, nKv, hd);
        int lastQ = (len - 1) * nHead * hd;
        float[] expected = java.util.Arrays.copyOfRange(ref, lastQ, lastQ + nHead * hd);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment kOff = arena.allocate((long) k.length * 4, 64);
            MemorySegment vOff = arena.allocate((long) v.length * 4, 64);
            MemorySegment.copy(k, 0, kOff, ValueLayout.JAVA_FLOAT, 0, k.length);
            MemorySegment.copy(v, 0, vOff, ValueLayout.JAVA_FLOAT, 0, v.length);
            for (MemorySegment[] kv : new MemorySegment[][]{
                    {MemorySegment.ofArray(k), MemorySegment.ofArray(v)}, {kOff, vOff}}) {
                float[] out = new float[nHead * hd];
                DecodeAttention.attend(q, lastQ, kv[0], kv[1], len, nHead, nKv, hd, out, 0);
                assertClose(out, expected, 1e-5f);
            }
            assertThatThrownBy(() -> DecodeAttention.attend(q, 0, kOff, vOff, len + 1, nHead, nKv, hd,
                    new float[nHead * hd], 0)).hasMessageStartingWith("keys:");
        }
    }

    @Test
    void halfFloatConversionsRoundToNearestEven() {
        assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(1.0f))).isEqualTo(1.0f);
        // 1 + 2^-8 is exactly halfway between bf16 neighbours 1 and 1+2^-7: ties to even gives 1.
        assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(1f + 0x1p-8f))).isEqualTo(1.0f);
        assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(1f + 3 * 0x1p-8f))).isEqualTo(1f + 0x1p-6f);
        assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(Float.NaN))).isNaN();
        assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(Float.NEGATIVE_INFINITY))).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.fromFp16(HalfFloats.toFp16(65504f))).isEqualTo(65504f);
        assertThat(HalfFloats.fromFp16(HalfFloats.toFp16(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.toFp16(1f)).isEqualTo((short) 0x3c00);
        float[] x = rand(100, 10);
        short[] h = new short[100], bf = new short[100];
        float[] back = new float[100], backBf = new float[100];
        HalfFloats.toFp16(x, 0, h, 0, 100);
        HalfFloats.fromFp16(h, 0, back, 0, 100);
        HalfFloats.toBf16(x, 0, bf, 0, 100);
        HalfFloats.fromBf16(bf, 0, backBf, 0, 100);
        for (int i = 0; i < 100; i++) {
            assertThat(back[i]).isCloseTo(x[i], within(Math.abs(x[i]) * 0x1p-11f + 1e-7f));
            assertThat(backBf[i]).isCloseTo(x[i], within(Math.abs(x[i]) * 0x1p-8f));
        }
    }
}

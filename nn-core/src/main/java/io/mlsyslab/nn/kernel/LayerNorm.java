package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layer normalisation over rows of length {@code n}: {@code y = (x - mean) * rstd * weight + bias} with
 * {@code rstd = 1 / sqrt(var + eps)} and the biased variance, as in PyTorch. The forward pass can record each
 * row's mean and rstd so that {@link #backward} is exact without recomputation.
 */
public final class LayerNorm {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private LayerNorm() {
    }

    /**
     * Normalises {@code rows} rows of {@code x} (each {@code n} long, contiguous) into {@code out}.
     *
     * @param mean  optional (may be null) per-row means, written at {@code stats[statsOff + row]}
     * @param rstd  optional (may be null) per-row reciprocal standard deviations
     */
    public static void forward(float[] x, int xOff, float[] weight, int wOff, float[] bias, int bOff, float eps,
                               int rows, int n, float[] out, int outOff, float[] mean, float[] rstd, int statsOff) {
        Checks.positive("n", n);
        Checks.nonNegative("rows", rows);
        Checks.range("x", x, xOff, (long) rows * n);
        Checks.range("out", out, outOff, (long) rows * n);
        Checks.range("weight", weight, wOff, n);
        Checks.range("bias", bias, bOff, n);
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * n, oo = outOff + r * n;
            float m = sum(x, xo, n) / n;
            float v = 0f;
            int i = 0;
            if (Simd.ENABLED) {
                FloatVector acc = FloatVector.zero(S);
                for (; i < Simd.loopBound(n); i += S.length()) {
                    FloatVector d = FloatVector.fromArray(S, x, xo + i).sub(m);
                    acc = d.fma(d, acc);
                }
                v = acc.reduceLanes(VectorOperators.ADD);
            }
            for (; i < n; i++) {
                float d = x[xo + i] - m;
                v += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt(v / n + eps));
            i = 0;
            if (Simd.ENABLED) {
                for (; i < Simd.loopBound(n); i += S.length()) {
                    FloatVector.fromArray(S, x, xo + i).sub(m).mul(rs)
                            .fma(FloatVector.fromArray(S, weight, wOff + i), FloatVector.fromArray(S, bias, bOff + i))
                            .intoArray(out, oo + i);
                }
            }
            for (; i < n; i++) {
                out[oo + i] = (x[xo + i] - m) * rs * weight[wOff + i] + bias[bOff + i];
            }
            if (mean != null) {
                mean[statsOff + r] = m;
            }
            if (rstd != null) {
                rstd[statsOff + r] = rs;
            }
        }
    }

    /**
     * Backward pass: accumulates into {@code dx}, {@code dWeight} and {@code dBias} given the upstream gradient
     * {@code dout}, the forward input and the recorded statistics.
     */
    public static void backward(float[] dout, int dOff, float[] x, int xOff, float[] weight, int wOff,
                                float[] mean, float[] rstd, int statsOff, int rows, int n,
                                float[] dx, int dxOff, float[] dWeight, int dwOff, float[] dBias, int dbOff) {
        if (Simd.ENABLED) {
            backwardVector(dout, dOff, x, xOff, weight, wOff, mean, rstd, statsOff, rows, n, dx, dxOff,
                    dWeight, dwOff, dBias, dbOff);
            return;
        }
        float[] norm = new float[n];
        float[] dnorm = new float[n];
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * n, go = dOff + r * n;
            float m = mean[statsOff + r], rs = rstd[statsOff + r];
            float sumDnorm = 0f, sumDnormNorm = 0f;
            for (int i = 0; i < n; i++) {
                float nv = (x[xo + i] - m) * rs;
                float dn = weight[wOff + i] * dout[go + i];
                norm[i] = nv;
                dnorm[i] = dn;
                sumDnorm += dn;
                sumDnormNorm += dn * nv;
            }
            float meanDnorm = sumDnorm / n, meanDnormNorm = sumDnormNorm / n;
            int dxo = dxOff + r * n;
            for (int i = 0; i < n; i++) {
                float g = dout[go + i];
                dBias[dbOff + i] += g;
                dWeight[dwOff + i] += norm[i] * g;
                dx[dxo + i] += (dnorm[i] - meanDnorm - norm[i] * meanDnormNorm) * rs;
            }
        }
    }

    /** The vector form of {@link #backward}: normalised values are recomputed in the second pass, not stored. */
    private static void backwardVector(float[] dout, int dOff, float[] x, int xOff, float[] weight, int wOff,
                                       float[] mean, float[] rstd, int statsOff, int rows, int n,
                                       float[] dx, int dxOff, float[] dWeight, int dwOff, float[] dBias, int dbOff) {
        int bound = Simd.loopBound(n), vl = S.length();
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * n, go = dOff + r * n, dxo = dxOff + r * n;
            float m = mean[statsOff + r], rs = rstd[statsOff + r];
            FloatVector accD = FloatVector.zero(S), accDN = FloatVector.zero(S);
            int i = 0;
            for (; i < bound; i += vl) {
                FloatVector nv = FloatVector.fromArray(S, x, xo + i).sub(m).mul(rs);
                FloatVector dn = FloatVector.fromArray(S, weight, wOff + i).mul(FloatVector.fromArray(S, dout, go + i));
                accD = accD.add(dn);
                accDN = dn.fma(nv, accDN);
            }
            float sumDnorm = accD.reduceLanes(VectorOperators.ADD);
            float sumDnormNorm = accDN.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                float nv = (x[xo + i] - m) * rs;
                float dn = weight[wOff + i] * dout[go + i];
                sumDnorm += dn;
                sumDnormNorm += dn * nv;
            }
            float meanDnorm = sumDnorm / n, meanDnormNorm = sumDnormNorm / n;
            i = 0;
            for (; i < bound; i += vl) {
                FloatVector g = FloatVector.fromArray(S, dout, go + i);
                FloatVector nv = FloatVector.fromArray(S, x, xo + i).sub(m).mul(rs);
                FloatVector dn = FloatVector.fromArray(S, weight, wOff + i).mul(g);
                FloatVector.fromArray(S, dBias, dbOff + i).add(g).intoArray(dBias, dbOff + i);
                nv.fma(g, FloatVector.fromArray(S, dWeight, dwOff + i)).intoArray(dWeight, dwOff + i);
                dn.sub(meanDnorm).sub(nv.mul(meanDnormNorm)).mul(rs).add(FloatVector.fromArray(S, dx, dxo + i))
                        .intoArray(dx, dxo + i);
            }
            for (; i < n; i++) {
                float g = dout[go + i];
                float nv = (x[xo + i] - m) * rs;
                float dn = weight[wOff + i] * g;
                dBias[dbOff + i] += g;
                dWeight[dwOff + i] += nv * g;
                dx[dxo + i] += (dn - meanDnorm - nv * meanDnormNorm) * rs;
            }
        }
    }

    private static float sum(float[] x, int off, int n) {
        int i = 0;
        float s = 0f;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < Simd.loopBound(n); i += S.length()) {
                acc = acc.add(FloatVector.fromArray(S, x, off + i));
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }
}

package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Numerically stable softmax and log-softmax over a contiguous row: the row maximum is subtracted before
 * exponentiation, so large logits never overflow.
 */
public final class Softmax {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private Softmax() {
    }

    /** Replaces {@code x[off .. off+n)} by its softmax. */
    public static void softmax(float[] x, int off, int n) {
        check(x, off, n);
        float max = max(x, off, n);
        float sum = expShifted(x, off, n, max);
        VectorOps.scale(1f / sum, x, off, n);
    }

    /**
     * Replaces {@code x[off .. off+n)} by its softmax and returns the log-sum-exp of the original row, so a
     * cross-entropy term is {@code lse - x[target]} (taken from the logits before the call) without a log of a
     * possibly underflowed probability.
     */
    public static float softmaxLogSumExp(float[] x, int off, int n) {
        check(x, off, n);
        float max = max(x, off, n);
        float sum = expShifted(x, off, n, max);
        VectorOps.scale(1f / sum, x, off, n);
        return (float) (max + Math.log(sum));
    }

    /** Replaces {@code x[off .. off+n)} by its log-softmax and returns the log-sum-exp of the original row. */
    public static float logSoftmax(float[] x, int off, int n) {
        check(x, off, n);
        float max = max(x, off, n);
        double sum = 0;
        int i = 0;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < Simd.loopBound(n); i += S.length()) {
                acc = acc.add(FloatVector.fromArray(S, x, off + i).sub(max).lanewise(VectorOperators.EXP));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += Math.exp(x[off + i] - max);
        }
        float lse = (float) (max + Math.log(sum));
        i = 0;
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                FloatVector.fromArray(S, x, off + i).sub(lse).intoArray(x, off + i);
            }
        }
        for (; i < n; i++) {
            x[off + i] -= lse;
        }
        return lse;
    }

    /** Maximum of {@code x[off .. off+n)}; {@code -Infinity} for an empty row. */
    public static float max(float[] x, int off, int n) {
        int i = 0;
        float max = Float.NEGATIVE_INFINITY;
        if (Simd.ENABLED && n >= S.length()) {
            FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i < Simd.loopBound(n); i += S.length()) {
                m = m.max(FloatVector.fromArray(S, x, off + i));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    /** Replaces each element by {@code exp(x - shift)} and returns their sum. */
    static float expShifted(float[] x, int off, int n, float shift) {
        int i = 0;
        float sum = 0f;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < Simd.loopBound(n); i += S.length()) {
                FloatVector e = FloatVector.fromArray(S, x, off + i).sub(shift).lanewise(VectorOperators.EXP);
                e.intoArray(x, off + i);
                acc = acc.add(e);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - shift);
            x[off + i] = e;
            sum += e;
        }
        return sum;
    }

    private static void check(float[] x, int off, int n) {
        Checks.positive("n", n);
        Checks.range("x", x, off, n);
    }
}

package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Small vectorised building blocks (dot product, axpy, scaling, sums) used by the larger kernels. */
public final class VectorOps {
    private static final VectorSpecies<Float> S = Simd.SPECIES;

    private VectorOps() {
    }

    /** {@code sum_i a[aOff+i] * b[bOff+i]} for {@code i < n}. */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int i = 0;
        float sum = 0f;
        if (Simd.ENABLED) {
            FloatVector acc0 = FloatVector.zero(S), acc1 = FloatVector.zero(S);
            int bound2 = n - 2 * S.length() + 1;
            for (; i < bound2; i += 2 * S.length()) {
                acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
                acc1 = FloatVector.fromArray(S, a, aOff + i + S.length())
                        .fma(FloatVector.fromArray(S, b, bOff + i + S.length()), acc1);
            }
            for (; i < Simd.loopBound(n); i += S.length()) {
                acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** {@code y[yOff+i] += alpha * x[xOff+i]} for {@code i < n}. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            FloatVector av = FloatVector.broadcast(S, alpha);
            for (; i < Simd.loopBound(n); i += S.length()) {
                av.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i))
                        .intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@code x[off+i] *= alpha} for {@code i < n}. */
    public static void scale(float alpha, float[] x, int off, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                FloatVector.fromArray(S, x, off + i).mul(alpha).intoArray(x, off + i);
            }
        }
        for (; i < n; i++) {
            x[off + i] *= alpha;
        }
    }

    /** {@code y[yOff+i] += x[xOff+i]} for {@code i < n}. */
    public static void add(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i))
                        .intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    /** Sum of squares of {@code x[off .. off+n)}, accumulated in double. */
    public static double sumOfSquares(float[] x, int off, int n) {
        double total = 0;
        int i = 0;
        if (Simd.ENABLED) {
            // Blocks keep the float partial sums short so accumulation error stays near double's.
            for (; i < Simd.loopBound(n); ) {
                int end = Math.min(Simd.loopBound(n), i + 64 * S.length());
                FloatVector acc = FloatVector.zero(S);
                for (; i < end; i += S.length()) {
                    FloatVector v = FloatVector.fromArray(S, x, off + i);
                    acc = v.fma(v, acc);
                }
                total += acc.reduceLanes(VectorOperators.ADD);
            }
        }
        for (; i < n; i++) {
            total += (double) x[off + i] * x[off + i];
        }
        return total;
    }
}

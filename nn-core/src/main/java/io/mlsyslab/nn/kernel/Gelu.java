package io.mlsyslab.nn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** GPT-2's tanh approximation of GELU ({@code gelu_new} in Hugging Face) and its exact derivative. */
public final class Gelu {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final float C = (float) Math.sqrt(2.0 / Math.PI);
    private static final float K = 0.044715f;

    private Gelu() {
    }

    /** {@code out[i] = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} for {@code n} elements. */
    public static void forward(float[] x, int xOff, float[] out, int outOff, int n) {
        Checks.range("x", x, xOff, n);
        Checks.range("out", out, outOff, n);
        int i = 0;
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                // 0.5 x (1 + tanh u) = x * sigmoid(2u): one exp instead of a tanh, and no cancellation in 1 + tanh
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                FloatVector u = v.mul(v).mul(v).mul(K).add(v).mul(C);
                FloatVector e = u.mul(-2f).lanewise(VectorOperators.EXP);
                v.div(e.add(1f)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            float u = C * (v + K * v * v * v);
            out[outOff + i] = 0.5f * v * (1f + (float) Math.tanh(u));
        }
    }

    /** {@code dx[i] += gelu'(x[i]) * dout[i]} for {@code n} elements. */
    public static void backward(float[] x, int xOff, float[] dout, int dOff, float[] dx, int dxOff, int n) {
        int i = 0;
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                // with s = sigmoid(2u): 0.5 (1 + tanh u) = s and 0.5 (1 - tanh^2 u) = 2 s (1 - s)
                FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                FloatVector x2 = v.mul(v);
                FloatVector u = x2.mul(v).mul(K).add(v).mul(C);
                FloatVector sg = u.mul(-2f).lanewise(VectorOperators.EXP).add(1f);
                FloatVector one = FloatVector.broadcast(S, 1f);
                sg = one.div(sg);
                FloatVector du = x2.mul(3f * K).add(1f).mul(C);
                FloatVector grad = sg.add(v.mul(2f).mul(sg).mul(one.sub(sg)).mul(du));
                grad.fma(FloatVector.fromArray(S, dout, dOff + i), FloatVector.fromArray(S, dx, dxOff + i))
                        .intoArray(dx, dxOff + i);
            }
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            float t = (float) Math.tanh(C * (v + K * v * v * v));
            float du = C * (1f + 3f * K * v * v);
            float grad = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * du;
            dx[dxOff + i] += grad * dout[dOff + i];
        }
    }
}

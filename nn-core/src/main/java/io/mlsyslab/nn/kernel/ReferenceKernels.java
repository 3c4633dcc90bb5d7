package io.mlsyslab.nn.kernel;

/**
 * Plain scalar implementations of every kernel, written for clarity rather than speed and accumulating in
 * double. Tests compare the optimised kernels against these; they are also a readable statement of what each
 * kernel computes.
 */
public final class ReferenceKernels {
    private ReferenceKernels() {
    }

    /** {@code C = alpha * op(A) op(B) + beta * C}, same conventions as {@link Sgemm#sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (alpha * sum + (beta == 0f ? 0 : beta * (double) c[ci]));
            }
        }
    }

    /** Numerically stable softmax of {@code x[off .. off+n)} in place. */
    public static void softmax(float[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[off + i] - max);
        }
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) (Math.exp(x[off + i] - max) / sum);
        }
    }

    /** Log-softmax of {@code x[off .. off+n)} in place. */
    public static void logSoftmax(float[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[off + i] - max);
        }
        double lse = max + Math.log(sum);
        for (int i = 0; i < n; i++) {
            x[off + i] = (float) (x[off + i] - lse);
        }
    }

    /** LayerNorm of one row: {@code out = (x - mean) / sqrt(var + eps) * weight + bias} (biased variance). */
    public static void layerNorm(float[] x, int xOff, float[] weight, float[] bias, float eps, int n,
                                 float[] out, int outOff) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[xOff + i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = x[xOff + i] - mean;
            var += d * d;
        }
        var /= n;
        double rstd = 1.0 / Math.sqrt(var + eps);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) ((x[xOff + i] - mean) * rstd * weight[i] + bias[i]);
        }
    }

    /** GPT-2's GELU: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    public static float gelu(float x) {
        double u = Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * (double) x * x * x);
        return (float) (0.5 * x * (1 + Math.tanh(u)));
    }

    /** Derivative of {@link #gelu(float)}. */
    public static float geluGrad(float x) {
        double c = Math.sqrt(2.0 / Math.PI);
        double u = c * (x + 0.044715 * (double) x * x * x);
        double t = Math.tanh(u);
        double du = c * (1 + 3 * 0.044715 * (double) x * x);
        return (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
    }

    /** {@code y = A x} for a dense row-major {@code m x n} matrix. */
    public static void matvec(float[] a, int m, int n, float[] x, float[] y) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += (double) a[i * n + j] * x[j];
            }
            y[i] = (float) s;
        }
    }

    /**
     * Causal attention with grouped queries on dense {@code [T, heads * headDim]} layouts: query head {@code h} reads
     * key/value head {@code h / (nHead / nKvHead)}; position t attends to positions {@code 0..t}.
     */
    public static void causalAttention(float[] q, float[] k, float[] v, float[] out, int t, int nHead, int nKvHead,
                                       int headDim) {
        int group = nHead / nKvHead;
        double scale = 1.0 / Math.sqrt(headDim);
        for (int h = 0; h < nHead; h++) {
            int g = h / group;
            for (int i = 0; i < t; i++) {
                double[] s = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += (double) q[(i * nHead + h) * headDim + d] * k[(j * nKvHead + g) * headDim + d];
                    }
                    s[j] = dot * scale;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int d = 0; d < headDim; d++) {
                    double acc = 0;
                    for (int j = 0; j <= i; j++) {
                        acc += s[j] / sum * v[(j * nKvHead + g) * headDim + d];
                    }
                    out[(i * nHead + h) * headDim + d] = (float) acc;
                }
            }
        }
    }
}

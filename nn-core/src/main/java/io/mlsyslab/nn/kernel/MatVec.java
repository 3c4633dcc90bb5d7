package io.mlsyslab.nn.kernel;

/**
 * Matrix-vector products on row-major matrices: {@code y = A x} (rows dotted with x) and {@code y = x^T A}
 * (rows of A scaled and accumulated; the natural form for Conv1D weights stored {@code [in, out]}).
 */
public final class MatVec {
    private MatVec() {
    }

    /** {@code y[yOff + i] = sum_j A[i, j] x[xOff + j]} for an {@code m x n} matrix with leading dimension lda. */
    public static void matvec(int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float[] y, int yOff) {
        check(m, n, a, aOff, lda);
        Checks.range("x", x, xOff, n);
        Checks.range("y", y, yOff, m);
        for (int i = 0; i < m; i++) {
            y[yOff + i] = VectorOps.dot(a, aOff + i * lda, x, xOff, n);
        }
    }

    /** {@code y[yOff + j] = sum_i x[xOff + i] A[i, j]} for an {@code m x n} matrix with leading dimension lda. */
    public static void vecmat(int m, int n, float[] x, int xOff, float[] a, int aOff, int lda, float[] y, int yOff) {
        check(m, n, a, aOff, lda);
        Checks.range("x", x, xOff, m);
        Checks.range("y", y, yOff, n);
        java.util.Arrays.fill(y, yOff, yOff + n, 0f);
        for (int i = 0; i < m; i++) {
            VectorOps.axpy(x[xOff + i], a, aOff + i * lda, y, yOff, n);
        }
    }

    private static void check(int m, int n, float[] a, int aOff, int lda) {
        Checks.nonNegative("m", m);
        Checks.nonNegative("n", n);
        if (lda < Math.max(1, n)) {
            throw new IllegalArgumentException("lda: must be >= " + Math.max(1, n) + ", was " + lda);
        }
        Checks.range("a", a, aOff, Checks.matrixSpan(m, n, lda));
    }
}

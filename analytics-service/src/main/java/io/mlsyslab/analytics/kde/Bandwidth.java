package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;
import java.util.Arrays;

/**
 * The bandwidth matrix H of K_H(x) = |H|^{-1/2} K(H^{-1/2} x): the kernel's scale (for the Gaussian kernel H is
 * exactly the kernel covariance, as in SciPy's {@code gaussian_kde.covariance}). Three shapes, cheapest first.
 */
public sealed interface Bandwidth permits Bandwidth.Isotropic, Bandwidth.Diagonal, Bandwidth.Full {

    /**
     * A scale the kernel can divide by: finite and a normal double, since 1/h of a subnormal h is infinite and
     * whitening a zero coordinate with it gives NaN.
     */
    static boolean usable(double h) {
        return h >= Double.MIN_NORMAL && h < Double.POSITIVE_INFINITY;
    }

    /** Dimension the bandwidth is defined for, or 0 when it fits any dimension (isotropic). */
    int dimension();

    /** The map to coordinates in which the kernel has unit bandwidth. */
    Whitening whitening(int d);

    /** H = h²·I. Needs no whitening pass: h only rescales squared distances, so it can change without repacking. */
    record Isotropic(double h) implements Bandwidth {
        public Isotropic {
            if (!usable(h)) {
                throw new FieldErrorException("bandwidth", "must be a finite number >= " + Double.MIN_NORMAL + ", got " + h);
            }
        }

        @Override
        public int dimension() {
            return 0;
        }

        @Override
        public Whitening whitening(int d) {
            return Whitening.scaled(h, d);
        }
    }

    /** H = diag(h_1², …, h_d²): one scale per coordinate (a product kernel for the Gaussian, like statsmodels). */
    record Diagonal(double[] h) implements Bandwidth {
        public Diagonal {
            if (h == null || h.length == 0) {
                throw new FieldErrorException("bandwidth", "diagonal needs one value per dimension");
            }
            h = h.clone();
            for (int k = 0; k < h.length; k++) {
                if (!usable(h[k])) {
                    throw new FieldErrorException("bandwidth", "entry " + k + " must be a finite number >= "
                            + Double.MIN_NORMAL + ", got " + h[k]);
                }
            }
        }

        @Override
        public double[] h() {
            return h.clone();
        }

        @Override
        public int dimension() {
            return h.length;
        }

        @Override
        public Whitening whitening(int d) {
            checkDimension(d, h.length);
            return Whitening.diagonal(h);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Diagonal other && Arrays.equals(h, other.h);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(h);
        }

        @Override
        public String toString() {
            return "Diagonal" + Arrays.toString(h);
        }
    }

    /** A full symmetric positive-definite H, row-major d × d. */
    record Full(double[] matrix, int d) implements Bandwidth {
        public Full {
            if (d < 1 || matrix == null || matrix.length != d * d) {
                throw new FieldErrorException("bandwidth", "full matrix needs d*d values");
            }
            matrix = matrix.clone();
            for (double v : matrix) {
                if (!Double.isFinite(v)) {
                    throw new FieldErrorException("bandwidth", "matrix entry " + v
                            + " is not finite (data values too large for a covariance?)");
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    double a = matrix[i * d + j];
                    double b = matrix[j * d + i];
                    if (Math.abs(a - b) > 1e-12 * (Math.abs(a) + Math.abs(b))) {
                        throw new FieldErrorException("bandwidth", "matrix is not symmetric at (" + i + "," + j + ")");
                    }
                }
            }
        }

        @Override
        public double[] matrix() {
            return matrix.clone();
        }

        @Override
        public int dimension() {
            return d;
        }

        @Override
        public Whitening whitening(int dim) {
            checkDimension(dim, d);
            return Whitening.cholesky(matrix, d);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Full other && d == other.d && Arrays.equals(matrix, other.matrix);
        }

        @Override
        public int hashCode() {
            return 31 * d + Arrays.hashCode(matrix);
        }

        @Override
        public String toString() {
            return "Full(d=" + d + ")" + Arrays.toString(matrix);
        }
    }

    private static void checkDimension(int d, int expected) {
        if (d != expected) {
            throw new FieldErrorException("bandwidth", "defined for d = " + expected + " but the data have d = " + d);
        }
    }
}

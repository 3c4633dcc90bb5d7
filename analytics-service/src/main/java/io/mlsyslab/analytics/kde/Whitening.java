package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;

/**
 * z = L^{-1} x with H = L Lᵀ, so that (x−y)ᵀ H^{-1} (x−y) = ‖z_x − z_y‖². For an isotropic bandwidth the map is
 * the identity and the 1/h² factor is kept as {@link #distanceScale()} instead.
 */
public final class Whitening {

    private final int d;
    /** Lower-triangular Cholesky factor (row-major), or null when the map is diagonal. */
    private final double[] lower;
    /** Diagonal of L, or null when isotropic. */
    private final double[] diagonal;
    private final double distanceScale;
    private final double halfLogDet;
    private final double isotropicH;

    private Whitening(int d, double[] lower, double[] diagonal, double distanceScale, double halfLogDet,
                      double isotropicH) {
        this.d = d;
        this.lower = lower;
        this.diagonal = diagonal;
        this.distanceScale = distanceScale;
        this.halfLogDet = halfLogDet;
        this.isotropicH = isotropicH;
    }

    static Whitening scaled(double h, int d) {
        return new Whitening(d, null, null, 1 / (h * h), d * Math.log(h), h);
    }

    static Whitening diagonal(double[] h) {
        double logDet = 0;
        for (double v : h) {
            logDet += Math.log(v);
        }
        return new Whitening(h.length, null, h.clone(), 1, logDet, Double.NaN);
    }

    static Whitening cholesky(double[] matrix, int d) {
        double[] l = new double[d * d];
        double logDet = 0;
        for (int j = 0; j < d; j++) {
            double diag = matrix[j * d + j];
            for (int k = 0; k < j; k++) {
                diag -= l[j * d + k] * l[j * d + k];
            }
            if (!(diag > 0)) {
                throw new FieldErrorException("bandwidth", "matrix is not positive definite (pivot " + j
                        + " is " + diag + "); singular data covariance? try an isotropic or diagonal rule");
            }
            double ljj = Math.sqrt(diag);
            l[j * d + j] = ljj;
            logDet += Math.log(ljj);
            for (int i = j + 1; i < d; i++) {
                double s = matrix[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = s / ljj;
            }
        }
        return new Whitening(d, l, null, 1, logDet, Double.NaN);
    }

    /** Multiplies the squared whitened distance to give u² (1/h² when isotropic, else 1). */
    public double distanceScale() {
        return distanceScale;
    }

    /** ½ ln|H|, the bandwidth's share of the log normalisation. */
    public double halfLogDet() {
        return halfLogDet;
    }

    /** Whitens {@code count} row-major points; returns a new array (or the input itself when isotropic). */
    public double[] apply(double[] rows, int count) {
        if (lower == null && diagonal == null) {
            return rows;
        }
        double[] out = new double[count * d];
        for (int i = 0; i < count; i++) {
            int r = i * d;
            if (diagonal != null) {
                for (int k = 0; k < d; k++) {
                    out[r + k] = rows[r + k] / diagonal[k];
                }
            } else {
                for (int k = 0; k < d; k++) {
                    double s = rows[r + k];
                    for (int j = 0; j < k; j++) {
                        s -= lower[k * d + j] * out[r + j];
                    }
                    out[r + k] = s / lower[k * d + k];
                }
            }
        }
        return out;
    }

    /** Maps a whitened point (in unit-bandwidth kernel units) back: x = L z, or h·z when isotropic. */
    public void unwhiten(double[] z, double[] out) {
        if (lower == null && diagonal == null) {
            for (int k = 0; k < d; k++) {
                out[k] = isotropicH * z[k];
            }
        } else if (diagonal != null) {
            for (int k = 0; k < d; k++) {
                out[k] = diagonal[k] * z[k];
            }
        } else {
            for (int k = d - 1; k >= 0; k--) {
                double s = 0;
                for (int j = 0; j <= k; j++) {
                    s += lower[k * d + j] * z[j];
                }
                out[k] = s;
            }
        }
    }
}

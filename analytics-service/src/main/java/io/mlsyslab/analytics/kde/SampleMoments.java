package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;

/** Sample covariance (divisor n − 1, as numpy.cov and SciPy's gaussian_kde) of row-major data. */
final class SampleMoments {

    private SampleMoments() {
    }

    static double[] mean(double[] data, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += data[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        return mean;
    }

    /** Full d × d covariance, row-major; centred first so offsets do not cancel digits. */
    static double[] covariance(double[] data, int n, int d) {
        requireTwo(n);
        double[] mean = mean(data, n, d);
        double[] cov = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                row[k] = data[i * d + k] - mean[k];
            }
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                for (int b = 0; b <= a; b++) {
                    cov[a * d + b] += ra * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = cov[a * d + b] / (n - 1);
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }
        return cov;
    }

    /** Per-coordinate variances (the covariance diagonal) in O(n·d). */
    static double[] variances(double[] data, int n, int d) {
        requireTwo(n);
        double[] mean = mean(data, n, d);
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double v = data[i * d + k] - mean[k];
                var[k] += v * v;
            }
        }
        for (int k = 0; k < d; k++) {
            var[k] /= n - 1;
        }
        return var;
    }

    /** σ with σ² the mean per-coordinate variance: the scale of an isotropic rule. */
    static double pooledSigma(double[] data, int n, int d) {
        double total = 0;
        for (double v : variances(data, n, d)) {
            total += v;
        }
        double sigma = Math.sqrt(total / d);
        if (!(sigma > 0)) {
            throw new FieldErrorException("data", "all points coincide, no scale to derive a bandwidth from");
        }
        return sigma;
    }

    private static void requireTwo(int n) {
        if (n < 2) {
            throw new FieldErrorException("data", "a bandwidth rule needs at least 2 points, got " + n);
        }
    }
}

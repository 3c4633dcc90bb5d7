package io.mlsyslab.network.wireless.metrics;

import io.mlsyslab.nn.numerics.StudentT;

/**
 * A mean over independent seeds with its 95% confidence half-width, t_{0.975, n-1} s / sqrt(n). With one seed, or
 * when some seeds have no value (e.g. a metric undefined without traffic), n counts the finite ones and the
 * half-width is NaN below two.
 */
public record Estimate(double mean, double halfWidth95, int n) {

    public static Estimate of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        return new Estimate(mean, StudentT.quantile(0.975, n - 1) * sd / Math.sqrt(n), n);
    }

    public double lower() {
        return mean - halfWidth95;
    }

    public double upper() {
        return mean + halfWidth95;
    }
}

package io.mlsyslab.analytics.regimes;

import java.util.Arrays;

/** Mean, standard error, variance, median and skewness of a sample; plain two-pass formulas. */
record SampleStats(double mean, double standardError, double variance, double median, double skewness) {

    static SampleStats of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new SampleStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        for (double v : values) {
            double c = v - mean;
            m2 += c * c;
            m3 += c * c * c;
        }
        double variance = n > 1 ? m2 / (n - 1) : Double.NaN;
        double populationVar = m2 / n;
        double skew = populationVar > 0 ? (m3 / n) / Math.pow(populationVar, 1.5) : 0;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        return new SampleStats(mean, Math.sqrt(variance / n), variance, median, skew);
    }
}

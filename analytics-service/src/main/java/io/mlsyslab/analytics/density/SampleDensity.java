package io.mlsyslab.analytics.density;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.analytics.kde.Bandwidth;
import io.mlsyslab.analytics.kde.BandwidthSelector;
import io.mlsyslab.analytics.kde.Kernel;
import io.mlsyslab.analytics.kde.KernelDensity;
import java.util.Arrays;

/**
 * The 1-D density of a sample (a run's metric series): a KDE evaluated on an even grid, with summary statistics.
 * With {@code logScale} the estimate is made on ln x and mapped back (p(x) = p_ln(ln x) / x), which suits skewed,
 * positive quantities such as latencies.
 */
public final class SampleDensity {

    /**
     * @param bandwidth the kernel's standard deviation on the estimation scale (ln x when log-scaled)
     * @param grid      where the density is given, in the sample's units, ascending
     * @param density   p(x) at each grid point
     */
    public record Estimate(int samples, String kernel, String rule, double bandwidth, boolean logScale, double min,
                           double max, double mean, double std, double median, double p90, double p99, double mode,
                           double leaveOneOutLogLikelihood, double[] grid, double[] density) {}

    private SampleDensity() {}

    public static Estimate estimate(double[] sample, Kernel kernel, BandwidthSelector rule, boolean logScale,
            int gridPoints, int threads) {
        int n = sample.length;
        if (n < 2) {
            throw new FieldErrorException("metric", n + " sample(s); a density needs at least 2");
        }
        if (gridPoints < 2) {
            throw new FieldErrorException("gridPoints", "must be >= 2");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[n - 1])) {
            throw new FieldErrorException("metric", "the series holds non-finite values");
        }
        if (logScale && sorted[0] <= 0) {
            throw new FieldErrorException("logScale", "needs positive values, the smallest is " + sorted[0]);
        }
        if (sorted[0] == sorted[n - 1]) {
            throw new FieldErrorException("metric", "all " + n + " samples equal " + sorted[0]
                    + "; a density needs spread");
        }
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            scaled[i] = logScale ? Math.log(sample[i]) : sample[i];
        }
        Bandwidth bandwidth = rule.select(scaled, n, 1, kernel);
        KernelDensity kde = KernelDensity.fit(scaled, n, 1, kernel, bandwidth, threads);
        double h = standardDeviation(bandwidth);

        double lo = (logScale ? Math.log(sorted[0]) : sorted[0]) - 3 * h;
        double hi = (logScale ? Math.log(sorted[n - 1]) : sorted[n - 1]) + 3 * h;
        double[] at = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            at[i] = lo + (hi - lo) * i / (gridPoints - 1);
        }
        double[] logDensity = kde.logDensity(at, gridPoints);
        double[] grid = new double[gridPoints];
        double[] density = new double[gridPoints];
        int argmax = 0;
        for (int i = 0; i < gridPoints; i++) {
            grid[i] = logScale ? Math.exp(at[i]) : at[i];
            // change of variables back from ln x: p(x) = p(ln x) / x
            density[i] = Math.exp(logDensity[i] - (logScale ? at[i] : 0));
            if (density[i] > density[argmax]) {
                argmax = i;
            }
        }
        double mean = Arrays.stream(sample).average().orElseThrow();
        double variance = Arrays.stream(sample).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        return new Estimate(n, kernel.name(), rule.ruleName(), h, logScale, sorted[0], sorted[n - 1], mean,
                Math.sqrt(variance), quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99),
                grid[argmax], kde.leaveOneOutLogLikelihood(), grid, density);
    }

    /** Linear interpolation between order statistics (NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double standardDeviation(Bandwidth bandwidth) {
        return switch (bandwidth) {
            case Bandwidth.Isotropic iso -> iso.h();
            case Bandwidth.Diagonal diagonal -> diagonal.h()[0];
            case Bandwidth.Full full -> Math.sqrt(full.matrix()[0]);
        };
    }
}

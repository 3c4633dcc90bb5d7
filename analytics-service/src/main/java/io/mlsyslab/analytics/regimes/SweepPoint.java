package io.mlsyslab.analytics.regimes;

import java.util.List;

/**
 * Measurements at one bandwidth, averaged over queries and datasets ({@code *Se}: standard error over all
 * query-dataset pairs), next to the asymptotic theory.
 *
 * @param ratio               h / h_G(alpha)
 * @param stableIndex         mu = h^2 / h_G^2
 * @param f1                  {@code <ln(sum w / E sum w)> / d}, E conditioned on the query
 * @param f2                  {@code <ln(sum w^2 / E sum w^2)> / d}
 * @param participationRatio  {@code <sum w^2 / (sum w)^2>}
 * @param largestWeightShare  {@code <w_max / sum w>}
 * @param klPerDim            Monte Carlo {@code KL(rho || rho_hat) / d} over the queries
 * @param f1ByDataset         per-dataset f1, for the seed-to-seed spread
 * @param klPerDimByDataset   per-dataset KL/d
 * @param replicates          fluctuations of rho_hat / E rho_hat at a typical query, or null when not measured
 */
public record SweepPoint(
        double ratio,
        double h,
        double stableIndex,
        double f1,
        double f1Se,
        double f2,
        double f2Se,
        double participationRatio,
        double participationRatioSe,
        double largestWeightShare,
        double klPerDim,
        double klPerDimSe,
        List<Double> f1ByDataset,
        List<Double> klPerDimByDataset,
        Theory theory,
        ReplicateStats replicates) {

    /** Asymptotic (d -> infinity) values at this h. */
    public record Theory(double f1, double f2, double participationRatio, double klPerDim) {
    }

    /**
     * Over replicate datasets at one query with {@code |x|^2 = d sigma^2}, with {@code R = rho_hat / E rho_hat}.
     *
     * @param meanRStandardError     {@code sqrt(annealed Var R / M)}: the yardstick for "mean R = 1"
     * @param scaledVarianceSample   {@code n * sample Var(R)}
     * @param scaledVarianceAnnealed {@code n * Var(R) = E w^2 / (E w)^2 - 1}, exact
     */
    public record ReplicateStats(
            int replicates,
            double meanR,
            double meanRStandardError,
            double medianR,
            double scaledVarianceSample,
            double scaledVarianceAnnealed,
            double skewness,
            double participationRatio) {
    }
}

package io.mlsyslab.analytics.regimes;

import java.util.List;

/**
 * A regime sweep: measured curves and regime locations next to the asymptotic theory and its finite-size
 * corrections.
 *
 * @param theory                          thresholds at {@code alpha = ln n / d} (the d -> infinity limit)
 * @param heuristicFiniteSize             thresholds at the digest's {@code alpha - ln d / (2 d)}
 * @param nearestNeighbourFiniteSize      thresholds at the alpha whose asymptotic {@code r_min} equals the exact
 *                                        finite-(n, d) mean nearest-neighbour distance (no heuristic)
 * @param nearestNeighbourPerDimMeasured  measured {@code <D^2_min> / (d sigma^2)} over queries and datasets
 * @param nearestNeighbourPerDimExact     the same from the exact non-central chi-square law, averaged over x ~ rho
 * @param empirical                       boundaries read off the measured curves
 */
public record RegimeReport(
        int d,
        long n,
        double alpha,
        double sigma,
        int queries,
        int datasets,
        int replicates,
        long seed,
        RegimeThresholds theory,
        RegimeThresholds heuristicFiniteSize,
        RegimeThresholds nearestNeighbourFiniteSize,
        double nearestNeighbourPerDimMeasured,
        double nearestNeighbourPerDimExact,
        RegimeLocations empirical,
        List<SweepPoint> points) {
}

package io.mlsyslab.analytics.api;

/**
 * Size limits of {@code POST /api/analytics/kde/density}, checked before anything big is allocated or computed;
 * over a limit the request is answered 413 naming the field. Configurable under {@code mlsyslab.analytics.kde.*}.
 *
 * @param maxPoints      n, data points
 * @param maxDimension   d
 * @param maxDataValues  n·d (the engine holds ~16 bytes per value while packing)
 * @param maxQueryValues m·d
 * @param maxPairWork    n·m·d, the flops of one evaluation (~1e11 is a few seconds on two cores)
 * @param maxCvWork      n²·d, the cost of one leave-one-out pass; cross-validation makes ~40 of them
 */
public record DensityLimits(int maxPoints, int maxDimension, long maxDataValues, long maxQueryValues,
                            long maxPairWork, long maxCvWork) {

    public static DensityLimits defaults() {
        return new DensityLimits(1_000_000, 1_000, 20_000_000L, 2_000_000L, 100_000_000_000L, 2_000_000_000L);
    }
}

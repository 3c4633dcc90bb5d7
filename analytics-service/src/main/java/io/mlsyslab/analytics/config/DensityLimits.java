package io.mlsyslab.analytics.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
@ConfigurationProperties("mlsyslab.analytics.kde")
public record DensityLimits(
        @DefaultValue("1000000") int maxPoints,
        @DefaultValue("1000") int maxDimension,
        @DefaultValue("20000000") long maxDataValues,
        @DefaultValue("2000000") long maxQueryValues,
        @DefaultValue("100000000000") long maxPairWork,
        @DefaultValue("2000000000") long maxCvWork) {

    public static DensityLimits defaults() {
        return new DensityLimits(1_000_000, 1_000, 20_000_000L, 2_000_000L, 100_000_000_000L, 2_000_000_000L);
    }
}

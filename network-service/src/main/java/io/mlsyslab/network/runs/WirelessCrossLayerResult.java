package io.mlsyslab.network.runs;

import java.util.List;
import java.util.Map;

/**
 * Result of a {@code wireless-crosslayer} run: for each sweep, each point's per-stack metrics (mean and 95% CI
 * half-width over seeds; null where undefined, e.g. a half-width from one finite value).
 */
public record WirelessCrossLayerResult(List<Sweep> sweeps, long simulations, double elapsedSeconds) {

    public record Sweep(String parameter, String unit, List<Point> points) {}

    public record Point(double value, List<StackMetrics> stacks) {}

    public record StackMetrics(String stack, Map<String, Metric> metrics) {}

    public record Metric(Double mean, Double halfWidth95) {}
}

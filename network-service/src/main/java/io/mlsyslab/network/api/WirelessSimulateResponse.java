package io.mlsyslab.network.api;

import java.util.List;
import java.util.Map;

/** Per-stack metrics over the seeds: mean and 95% confidence half-width (null where undefined). */
public record WirelessSimulateResponse(List<StackResult> stacks, int seeds, long simulations, double elapsedSeconds) {

    public record StackResult(String stack, Map<String, Metric> metrics) {}

    public record Metric(Double mean, Double halfWidth95) {}
}

package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.metrics.Estimate;
import java.util.Map;

/** One stack's metrics over seeds: mean and 95% confidence half-width per metric, in {@link SimulationMetrics} order. */
public record StackSummary(String stack, Map<String, Estimate> metrics) {

    public Estimate metric(String name) {
        Estimate e = metrics.get(name);
        if (e == null) {
            throw new FieldErrorException("metric", "unknown metric '" + name + "'");
        }
        return e;
    }
}

package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.metrics.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs every stack on the same seeds (common random numbers: each seed gives every stack the same channels and
 * frame sizes) and summarises each metric as a mean with a Student-t 95% confidence interval over the seeds.
 * Simulations are independent, so they run in parallel; results do not depend on the order they finish in.
 */
public final class Experiment {

    private Experiment() {
    }

    public static List<StackSummary> run(ScenarioConfig cfg, List<Stack> stacks, int seeds, long baseSeed) {
        if (seeds < 1) {
            throw new FieldErrorException("seeds", "must be >= 1");
        }
        if (stacks.isEmpty()) {
            throw new FieldErrorException("stacks", "must not be empty");
        }
        int jobs = stacks.size() * seeds;
        SimulationMetrics[] results = new SimulationMetrics[jobs];
        IntStream.range(0, jobs).parallel().forEach(j ->
                results[j] = WirelessSimulator.run(cfg, stacks.get(j / seeds), baseSeed + j % seeds));
        List<StackSummary> out = new ArrayList<>(stacks.size());
        for (int s = 0; s < stacks.size(); s++) {
            List<Map<String, Double>> perSeed = new ArrayList<>(seeds);
            for (int k = 0; k < seeds; k++) {
                perSeed.add(results[s * seeds + k].asMap());
            }
            Map<String, Estimate> metrics = new LinkedHashMap<>();
            for (String name : perSeed.get(0).keySet()) {
                double[] values = perSeed.stream().mapToDouble(m -> m.get(name)).toArray();
                metrics.put(name, Estimate.of(values));
            }
            out.add(new StackSummary(stacks.get(s).name(), metrics));
        }
        return out;
    }
}

package io.mlsyslab.inference.nanoflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Automatic search of a nano-batch pipeline (the role of the paper's two-stage MILP, section 3.7, done here by
 * exhaustive enumeration of a small space with the discrete-event model as the objective): nano-batch counts of the
 * attention half and of the rest in [minNanoBatches, maxNanoBatches], and the shares of decode attention, of the
 * element-wise operations and of the collectives on a grid of step {@code shareStep} (decode attention and
 * collectives up to 0.9, element-wise up to 0.5); compute takes the rest. Objective: makespan of {@code layers}
 * simulated layers; ties go to the earlier candidate (fewer nano-batches, smaller shares).
 */
public final class ScheduleSearch {

    /**
     * The best schedule and how many were tried.
     *
     * @param schedule  the fastest schedule
     * @param seconds   its simulated makespan over the searched layers
     * @param evaluated schedules simulated
     */
    public record Outcome(Schedule schedule, double seconds, int evaluated) {
    }

    private ScheduleSearch() {
    }

    public static Outcome search(CostModel cm, BatchMix batch, int minNanoBatches, int maxNanoBatches,
                                 double shareStep, int layers) {
        if (minNanoBatches < 1 || maxNanoBatches < minNanoBatches) {
            throw new IllegalArgumentException("maxNanoBatches: need 1 <= minNanoBatches <= maxNanoBatches");
        }
        if (!(shareStep > 0 && shareStep <= 0.5)) {
            throw new IllegalArgumentException("shareStep: must be in (0, 0.5]");
        }
        List<Double> grid = grid(shareStep, 0.9);
        List<Double> elementwiseGrid = grid(shareStep, 0.5);
        List<Double> netGrid = cm.gpus() > 1 ? grid : List.of(1.0);
        Schedule best = null;
        double bestSeconds = Double.POSITIVE_INFINITY;
        int evaluated = 0;
        for (int ka = minNanoBatches; ka <= maxNanoBatches; ka++) {
            for (int kf = minNanoBatches; kf <= maxNanoBatches; kf++) {
                for (double mem : grid) {
                    for (double ew : elementwiseGrid) {
                        for (double net : netGrid) {
                            Schedule s = new Schedule(ka, kf, true, mem, ew, net);
                            double t = PipelineSimulator.simulate(cm, batch, s, layers).seconds();
                            evaluated++;
                            if (t < bestSeconds * (1 - 1e-9)) {
                                best = s;
                                bestSeconds = t;
                            }
                        }
                    }
                }
            }
        }
        return new Outcome(best, bestSeconds, evaluated);
    }

    private static List<Double> grid(double step, double max) {
        List<Double> grid = new ArrayList<>();
        for (int i = 1; i * step <= max + 1e-9; i++) {
            grid.add(round(i * step));
        }
        return grid;
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}

package io.mlsyslab.training.utilization;

/**
 * Discrete-event simulation of the per-layer DAG of training steps (Streaming DiLoCo section 3.1) on one accelerator
 * (compute stream) and one inter-worker link, returning the steady-state compute utilisation: pure compute time over
 * wall time.
 *
 * <p>Every step has 4L - 1 nodes: a forward node per block, an activation-backward node per block except the first
 * (nothing consumes the gradient of the model's input), a parameter-backward node per block, and a reduction node per
 * block. The 3L - 1 compute nodes each take T / (3L - 1), so a step's compute is exactly T (forward T/3, backward
 * 2T/3). The compute stream runs them in program order: forward 1..L, then for blocks L..1 activation-backward then
 * parameter-backward. A block's reduction becomes ready when its parameter-backward ends (it carries the gradient for
 * data-parallel, the outer gradient for DiLoCo), and the link serves reductions one at a time in the order they become
 * ready, each for {@link RingAllReduce#seconds} of the block's payload. The forward node of a block in step
 * {@code t + 1 + tau} waits for the reduction of that block issued after step {@code t}; nothing else waits.
 */
public final class UtilizationSimulator {

    private UtilizationSimulator() {
    }

    /**
     * Steady-state compute utilisation in (0, 1] of {@code model} synchronised by {@code scheme} among
     * {@code workers} over links of {@code bitsPerSecond}.
     */
    public static double utilization(ModelProfile model, SyncScheme scheme, int workers, double bitsPerSecond) {
        if (!(bitsPerSecond > 0)) {
            throw new IllegalArgumentException("bandwidth: must be positive, got " + bitsPerSecond);
        }
        if (Double.isInfinite(bitsPerSecond)) {
            return 1.0;
        }
        int layers = model.layers();
        int fragments = scheme.fragments(layers);
        int[] fragmentOf = new int[layers + 1];
        for (int l = 1; l <= layers; l++) {
            fragmentOf[l] = scheme.fragmentOf(l, layers);
        }
        double node = model.stepSeconds() / (3.0 * layers - 1);
        double reduceSeconds = RingAllReduce.seconds(scheme.payloadBits() * model.parametersPerLayer(), workers,
                bitsPerSecond);
        int tau = scheme.overlapSteps();
        int warmup = warmupSteps(scheme.period(), tau);
        int measured = measuredSteps(scheme.period());
        long lastStep = warmup + measured + 1L;

        double[] ready = new double[layers + 1];
        long[] dueStep = new long[layers + 1];
        boolean[] syncing = new boolean[fragments];
        double compute = 0;
        double link = 0;
        double measureStart = 0;
        for (long t = 1; t <= lastStep; t++) {
            for (int l = 1; l <= layers; l++) {
                double start = compute;
                if (dueStep[l] == t) {
                    start = Math.max(start, ready[l]);
                    dueStep[l] = 0;
                }
                if (l == 1 && t == warmup + 1) {
                    measureStart = start;
                } else if (l == 1 && t == lastStep) {
                    return Math.min(1.0, measured * model.stepSeconds() / (start - measureStart));
                }
                compute = start + node;
            }
            boolean any = false;
            for (int p = 0; p < fragments; p++) {
                syncing[p] = scheme.syncsAt(p, fragments, t);
                any |= syncing[p];
            }
            if (!any) {
                compute += (2.0 * layers - 1) * node;
                continue;
            }
            for (int l = layers; l >= 1; l--) {
                compute += l > 1 ? 2 * node : node;
                if (syncing[fragmentOf[l]]) {
                    link = Math.max(link, compute) + reduceSeconds;
                    ready[l] = link;
                    dueStep[l] = t + 1 + tau;
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * Steps simulated before measuring: one period plus the overlap, so that every fragment has synchronised once and
     * its result has been consumed (the paper's settings are then periodic: a warm-up of four periods changes the
     * utilisation by less than 1e-11).
     */
    static int warmupSteps(int period, int overlapSteps) {
        return period + overlapSteps + 2;
    }

    /** Steps measured: whole periods, at least two and at least 8 steps (so data-parallel is averaged too). */
    static int measuredSteps(int period) {
        return Math.max(2, (8 + period - 1) / period) * period;
    }

    /** Steps one simulation runs. */
    public static long simulatedSteps(int period, int overlapSteps) {
        return warmupSteps(period, overlapSteps) + measuredSteps(period) + 1L;
    }
}

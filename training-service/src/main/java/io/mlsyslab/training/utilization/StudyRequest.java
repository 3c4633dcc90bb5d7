package io.mlsyslab.training.utilization;

import java.util.HashSet;
import java.util.List;

/**
 * What a utilisation study computes: for every model and algorithm, the bandwidth reaching each target utilisation
 * (bisection in [minGbps, maxGbps]) and the utilisation at {@code sweepPoints} log-spaced bandwidths of that range.
 */
public record StudyRequest(List<ModelProfile> models, List<Algorithm> algorithms, SyncSettings settings,
                           List<Double> targetUtilizations, double minGbps, double maxGbps, int sweepPoints) {

    /** Ceiling on simulated DAG nodes of one study (about a minute on one core). */
    public static final double MAX_NODE_UPDATES = 2e10;
    public static final int MAX_MODELS = 8;
    public static final int MAX_TARGETS = 10;
    public static final String MIN_TARGET = "0.01";
    public static final String MAX_TARGET = "0.999";
    public static final String MIN_GBPS = "0.000001";
    public static final String MAX_GBPS = "1000000";
    public static final int MAX_SWEEP_POINTS = 400;

    public StudyRequest {
        models = List.copyOf(models);
        algorithms = List.copyOf(algorithms);
        targetUtilizations = List.copyOf(targetUtilizations);
        if (models.isEmpty() || models.size() > MAX_MODELS) {
            throw new IllegalArgumentException("models: 1 to " + MAX_MODELS);
        }
        if (new HashSet<>(models.stream().map(ModelProfile::name).toList()).size() != models.size()) {
            throw new IllegalArgumentException("models: names must be distinct");
        }
        if (algorithms.isEmpty() || new HashSet<>(algorithms).size() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms: at least one, each at most once");
        }
        if (targetUtilizations.isEmpty() || targetUtilizations.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("targetUtilizations: 1 to " + MAX_TARGETS);
        }
        double minTarget = Double.parseDouble(MIN_TARGET);
        double maxTarget = Double.parseDouble(MAX_TARGET);
        for (double u : targetUtilizations) {
            if (!(u >= minTarget && u <= maxTarget)) {
                throw new IllegalArgumentException("targetUtilizations: each must be in [" + MIN_TARGET + ", "
                        + MAX_TARGET + "], got " + u);
            }
        }
        double lowest = Double.parseDouble(MIN_GBPS);
        double highest = Double.parseDouble(MAX_GBPS);
        if (!(minGbps >= lowest && minGbps <= highest)) {
            throw new IllegalArgumentException("minGbps: must be in [" + MIN_GBPS + ", " + MAX_GBPS + "]");
        }
        if (!(maxGbps >= lowest && maxGbps <= highest)) {
            throw new IllegalArgumentException("maxGbps: must be in [" + MIN_GBPS + ", " + MAX_GBPS + "]");
        }
        if (!(maxGbps > minGbps * 1.01)) {
            throw new IllegalArgumentException("maxGbps: must exceed minGbps (" + minGbps + ") by more than 1%");
        }
        if (sweepPoints < 2 || sweepPoints > MAX_SWEEP_POINTS) {
            throw new IllegalArgumentException("sweepPoints: must be in [2, " + MAX_SWEEP_POINTS + "], got "
                    + sweepPoints);
        }
        double work = estimatedNodeUpdates(models.stream().mapToInt(ModelProfile::layers).toArray(), algorithms,
                settings.period(), settings.overlapSteps(), targetUtilizations.size(), minGbps, maxGbps, sweepPoints);
        if (work > MAX_NODE_UPDATES) {
            throw new IllegalArgumentException(workMessage(work));
        }
    }

    /** The message of a study over the work bound; names {@code period}, the usual culprit. */
    public static String workMessage(double work) {
        return String.format(java.util.Locale.ROOT, "period: the study would simulate about %.2g DAG nodes, at most "
                + "%.0e; lower period, layers, sweepPoints, targets, models or algorithms", work, MAX_NODE_UPDATES);
    }

    /** Simulations of one bisection: two end points plus the halvings of log(max/min) down to the tolerance. */
    static int bisectionSimulations(double minGbps, double maxGbps) {
        return 2 + (int) Math.ceil(Math.log(Math.log(maxGbps / minGbps) / Math.log1p(BandwidthSearch.TOLERANCE))
                / Math.log(2));
    }

    /**
     * DAG nodes a study simulates: per model and algorithm, (targets x bisection + sweep) simulations of
     * {@link UtilizationSimulator#simulatedSteps} steps of 4L nodes.
     */
    public static double estimatedNodeUpdates(int[] layers, List<Algorithm> algorithms, int period, int overlapSteps,
                                              int targets, double minGbps, double maxGbps, int sweepPoints) {
        double perModelAndAlgorithm = targets * (double) bisectionSimulations(minGbps, maxGbps) + sweepPoints;
        double work = 0;
        for (int l : layers) {
            for (Algorithm a : algorithms) {
                work += perModelAndAlgorithm * UtilizationSimulator.simulatedSteps(a.period(period),
                        a.overlapSteps(overlapSteps)) * (4.0 * l);
            }
        }
        return work;
    }

    /** The log-spaced bandwidths of the sweep, Gbit/s. */
    public double[] sweepGbps() {
        double[] g = new double[sweepPoints];
        double step = Math.log(maxGbps / minGbps) / (sweepPoints - 1);
        for (int i = 0; i < sweepPoints; i++) {
            g[i] = minGbps * Math.exp(step * i);
        }
        g[sweepPoints - 1] = maxGbps;
        return g;
    }
}

package io.mlsyslab.training.utilization;

import java.util.List;

/**
 * Result of a utilisation study.
 *
 * @param settings    the shared algorithm settings
 * @param models      the simulated models
 * @param cells       one per model, algorithm and target utilisation, with the paper's value where Table 4 has it
 * @param ratios      per model and target: data-parallel's bandwidth over the smallest of the other algorithms
 * @param comparison  summary of the cells compared with Table 4
 * @param curves      utilisation at each bandwidth of the sweep, per model and algorithm
 * @param simulations simulated DAG runs
 * @param seconds     wall time of the study
 */
public record UtilizationReport(Settings settings, List<ModelProfile> models, List<Cell> cells, List<Ratio> ratios,
                                Comparison comparison, List<Curve> curves, long simulations, double seconds) {

    /** {@link SyncSettings} with the layout as its wire name; {@code paper} when they are the paper's. */
    public record Settings(int period, int fragmentLayers, int overlapSteps, double payloadBits, double quantizedBits,
                           String fragmentLayout, int workers, double ringFactor, boolean paper) {

        static Settings of(SyncSettings s) {
            return new Settings(s.period(), s.fragmentLayers(), s.overlapSteps(), s.payloadBits(), s.quantizedBits(),
                    s.layout().wireName(), s.workers(), RingAllReduce.factor(s.workers()), s.isPaper());
        }
    }

    /**
     * One table cell.
     *
     * @param gbps                 bandwidth reaching the target (upper end of the bisection bracket); null when even
     *                             the range's maximum does not
     * @param atMinimum            the range's minimum already reaches the target (gbps is then that minimum)
     * @param utilizationAtGbps    simulated utilisation at {@code gbps}
     * @param paperGbps            Table 4's value, null when the paper has no such cell
     * @param relativeError        gbps / paperGbps - 1
     * @param bitsPerSyncPerWorker bits each worker sends per sync of one fragment (ring all-reduce)
     */
    public record Cell(String model, String algorithm, String paperRow, double targetUtilization, Double gbps,
                       boolean atMinimum, double utilizationAtGbps, Double paperGbps, Double relativeError,
                       double bitsPerSyncPerWorker) {}

    /** Data-parallel's bandwidth over the best other algorithm's, ours and the paper's (Table 4). */
    public record Ratio(String model, double targetUtilization, String bestAlgorithm, Double dataParallelOverBest,
                        Double paperDataParallelOverBest) {}

    /** How many cells were compared with the paper, and the largest |relative error|. */
    public record Comparison(int cellsCompared, int cellsWithin25Percent, Double maxAbsRelativeError,
                             String worstCell) {}

    /** Utilisation against bandwidth (Gbit/s) of one model and algorithm. */
    public record Curve(String model, String algorithm, double[] gbps, double[] utilization) {}
}

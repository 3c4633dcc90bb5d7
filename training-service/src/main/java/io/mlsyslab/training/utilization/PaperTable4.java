package io.mlsyslab.training.utilization;

import java.util.List;
import java.util.Map;

/**
 * Streaming DiLoCo (arXiv 2501.18512 v1) Table 4: Gbit/s needed to reach a compute utilisation of 50 / 80 / 90 / 95
 * / 99 %, for the 1B, 10B and 100B models and the five methods (values as in
 * {@code shared/papers/streaming-diloco.md}). The paper reads them off a geometric bandwidth grid of ratio about
 * 1.207, so each entry is the first grid point at or above the true threshold.
 */
public final class PaperTable4 {

    /** The utilisation columns of the table. */
    public static final List<Double> UTILIZATIONS = List.of(0.50, 0.80, 0.90, 0.95, 0.99);

    private static final Map<String, Map<Algorithm, double[]>> GBPS = Map.of(
            "1b", Map.of(
                    Algorithm.DATA_PARALLEL, new double[] {86.8, 152.6, 184.2, 222.3, 569.0},
                    Algorithm.DILOCO, new double[] {1.4, 6.2, 13.3, 23.3, 86.8},
                    Algorithm.STREAMING_DILOCO, new double[] {1.4, 5.2, 9.1, 16.0, 28.1},
                    Algorithm.STREAMING_DILOCO_OVERLAP, new double[] {1.4, 4.3, 6.2, 9.1, 11.0},
                    Algorithm.STREAMING_DILOCO_OVERLAP_FP4, new double[] {0.4, 0.9, 1.7, 2.0, 3.0}),
            "10b", Map.of(
                    Algorithm.DATA_PARALLEL, new double[] {104.8, 222.3, 222.3, 268.3, 471.5},
                    Algorithm.DILOCO, new double[] {1.7, 7.5, 16.0, 33.9, 104.8},
                    Algorithm.STREAMING_DILOCO, new double[] {1.7, 5.2, 9.1, 13.3, 19.3},
                    Algorithm.STREAMING_DILOCO_OVERLAP, new double[] {1.7, 3.6, 5.2, 6.2, 7.5},
                    Algorithm.STREAMING_DILOCO_OVERLAP_FP4, new double[] {0.4, 0.9, 1.4, 1.4, 1.7}),
            "100b", Map.of(
                    Algorithm.DATA_PARALLEL, new double[] {184.2, 323.8, 390.7, 390.7, 471.5},
                    Algorithm.DILOCO, new double[] {3.0, 11.0, 23.3, 49.4, 184.2},
                    Algorithm.STREAMING_DILOCO, new double[] {2.4, 6.2, 9.1, 11.0, 19.3},
                    Algorithm.STREAMING_DILOCO_OVERLAP, new double[] {1.7, 3.6, 4.3, 5.2, 5.2},
                    Algorithm.STREAMING_DILOCO_OVERLAP_FP4, new double[] {0.5, 0.9, 1.1, 1.1, 1.4}));

    private PaperTable4() {
    }

    /**
     * The paper's Gbit/s for this cell, or {@code null} when the cell is not in the table (another model, another
     * utilisation, or settings other than the paper's).
     */
    public static Double gbps(ModelProfile model, Algorithm algorithm, SyncSettings settings, double utilization) {
        if (!model.isPaperModel() || !settings.isPaper()) {
            return null;
        }
        int column = -1;
        for (int i = 0; i < UTILIZATIONS.size(); i++) {
            if (Math.abs(UTILIZATIONS.get(i) - utilization) < 1e-9) {
                column = i;
            }
        }
        return column < 0 ? null : GBPS.get(model.name()).get(algorithm)[column];
    }
}

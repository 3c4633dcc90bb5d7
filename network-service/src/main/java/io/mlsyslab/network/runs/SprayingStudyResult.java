package io.mlsyslab.network.runs;

import java.util.List;

/**
 * Result of a {@code spraying-study} run: one row per sweep point and policy.
 *
 * @param splittingEqualsSprayingEverywhere minimal splitting had spraying's exact fabric-tier maximum in every step
 *                                          of every point (the paper's claim; null when splitting was not run)
 */
public record SprayingStudyResult(int points, List<Row> rows, Boolean splittingEqualsSprayingEverywhere,
                                  double elapsedSeconds) {

    /**
     * @param fabricRatio     fabric-tier maximum congestion over spraying's (ECMP: first trial)
     * @param fabricRatioMean ECMP only: mean over the trials
     * @param cctRatio        completion time over spraying's (ECMP: first trial)
     * @param cctRatioMean    ECMP only: mean over the trials
     */
    public record Row(int fabricSize, String collective, String placement, int failedLinks, double messageBytes,
                      String policy, Double fabricRatio, Double fabricRatioMean, Double cctRatio, Double cctRatioMean,
                      double cctSeconds, String cctMethod, int hotLinks, Double jainIndex, long extraSubFlows,
                      boolean fabricEqualsSpraying) {
    }
}

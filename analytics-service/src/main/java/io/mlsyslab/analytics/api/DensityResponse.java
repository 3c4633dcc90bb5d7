package io.mlsyslab.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Result of a density evaluation.
 *
 * @param logDensity   ln f at each query; null where f = 0 exactly (outside a compact kernel's support)
 * @param bandwidth    the bandwidth actually used, with the rule that chose it
 * @param elapsedMillis wall time of the evaluation alone (not parsing or bandwidth selection)
 */
public record DensityResponse(int n, int d, int m, String kernel, Double degreesOfFreedom, BandwidthUsed bandwidth,
                              List<Double> logDensity, double elapsedMillis) {

    /**
     * @param rule      rule name, or null for a bandwidth given as numbers
     * @param shape     isotropic, diagonal or full
     * @param h         isotropic h
     * @param diagonal  per-coordinate h
     * @param matrix    full bandwidth matrix H (the Gaussian kernel's covariance)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BandwidthUsed(String rule, String shape, Double h, double[] diagonal, double[][] matrix) {
    }
}

package io.mlsyslab.analytics.api;

import tools.jackson.databind.JsonNode;

/**
 * JSON body of {@code POST /api/analytics/kde/density}.
 *
 * @param data             rows {@code [[x11, x12, ...], ...]} or a generator {@code {"gaussian": {"n", "d", "sigma", "seed"}}}
 * @param queries          points to evaluate at, in the same two forms
 * @param kernel           "gaussian" (default), "epanechnikov" or "student-t"
 * @param degreesOfFreedom ν of the Student-t kernel (default 5)
 * @param bandwidth        a number h (isotropic), an array of per-coordinate h (diagonal), or a rule name:
 *                         scott, silverman (SciPy: factor² × covariance), scott-isotropic, silverman-isotropic,
 *                         cv-ml, cv-ml-diagonal (likelihood cross-validation), high-dimensional (theory h_KL),
 *                         high-dimensional-finite (h_KL at the finite-size corrected α)
 */
public record DensityRequest(JsonNode data, JsonNode queries, String kernel, Double degreesOfFreedom,
                             JsonNode bandwidth) {
}

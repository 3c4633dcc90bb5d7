package io.mlsyslab.analytics.regimes;

/**
 * Regime boundaries read off measured curves (null when the grid does not bracket them). Criteria, all "the log of
 * the quantity is O(1) rather than O(d)":
 *
 * @param hGFromF1       largest h where {@code d f1 = <ln(Z / E Z)>} falls to -1 (the typical sum is e times below its
 *                       mean: freezing)
 * @param hGFromY2       largest h where the participation ratio reaches 1/e (about e points carry the sum)
 * @param hCltFromF2     largest h where {@code d f2 = -1}: the sum of squares freezes
 * @param hKl            minimiser of the Monte Carlo KL/d (parabola in ln h through the grid minimum and neighbours)
 * @param klPerDimAtHKl  KL/d at that minimum
 */
public record RegimeLocations(Double hGFromF1, Double hGFromY2, Double hCltFromF2, Double hKl, Double klPerDimAtHKl) {
}

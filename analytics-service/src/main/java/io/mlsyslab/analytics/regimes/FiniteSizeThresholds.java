package io.mlsyslab.analytics.regimes;

import io.mlsyslab.contract.FieldErrorException;

/**
 * The thresholds at dimension d and {@code n = e^{alpha d}} points, shifted by the two finite-size corrections:
 * the digest's heuristic {@code alpha - ln d / (2 d)}, and the alpha matching the exact mean nearest-neighbour
 * distance of a typical query ({@code |x|^2 = d sigma^2}).
 */
public record FiniteSizeThresholds(
        int d,
        double n,
        double heuristicAlpha,
        RegimeThresholds heuristic,
        double nearestNeighbourPerDim,
        Double nearestNeighbourAlpha,
        RegimeThresholds nearestNeighbour) {

    /** Largest {@code alpha d} accepted: n = e^{alpha d} must stay a count the law can be integrated for. */
    public static final double MAX_LOG_N = 40;

    public static FiniteSizeThresholds of(double alpha, double sigma, int d) {
        RegimeTheory.requirePositive("alpha", alpha);
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1, got " + d);
        }
        double logN = alpha * d;
        if (logN > MAX_LOG_N) {
            throw new FieldErrorException("d", "alpha * d = " + logN + " means n = e^" + logN
                    + " points; the finite-size law is evaluated up to alpha * d = " + MAX_LOG_N);
        }
        long n = Math.max(2, Math.round(Math.exp(logN)));
        double heuristicAlpha = RegimeTheory.heuristicEffectiveAlpha(alpha, d);
        double rMin = NearestNeighbourLaw.meanPerDim(n, d, d);
        // Tiny n can leave the nearest point farther than any asymptotic r_min (< 2): then there is no such alpha.
        Double nnAlpha = rMin < 2 ? RegimeTheory.alphaForNearestNeighbour(rMin) : null;
        return new FiniteSizeThresholds(d, n, heuristicAlpha,
                heuristicAlpha > 0 ? RegimeThresholds.of(heuristicAlpha, sigma) : null, rMin, nnAlpha,
                nnAlpha != null && nnAlpha > 0 ? RegimeThresholds.of(nnAlpha, sigma) : null);
    }
}

package io.mlsyslab.analytics.kde;

import java.util.function.DoubleBinaryOperator;

/**
 * The high-dimensional theory bandwidth (docs: shared/papers/kde-high-dim.md §2.3): for data that look like
 * N(0, σ²I) at α = ln n / d, the KL-optimal isotropic h = h_KL(α, σ), which lies in the condensed phase below h_G
 * where Scott and Silverman are not. The closed form lives with the regime theory
 * ({@code io.mlsyslab.analytics.regimes}); this class only supplies α and the pooled σ of the sample and is
 * given the formula, so the engine does not depend on the theory package.
 */
public final class HighDimensionalRule implements BandwidthSelector {

    private final DoubleBinaryOperator klOptimalBandwidth;

    /** @param klOptimalBandwidth (α, σ) ↦ h_KL, e.g. {@code RegimeTheory::hKl} */
    public HighDimensionalRule(DoubleBinaryOperator klOptimalBandwidth) {
        if (klOptimalBandwidth == null) {
            throw new IllegalArgumentException("klOptimalBandwidth: required");
        }
        this.klOptimalBandwidth = klOptimalBandwidth;
    }

    @Override
    public String ruleName() {
        return "high-dimensional";
    }

    /** α = ln n / d, the ratio that fixes the regime. */
    public static double alpha(int n, int d) {
        return Math.log(n) / d;
    }

    @Override
    public Bandwidth select(double[] data, int n, int d, Kernel kernel) {
        double sigma = SampleMoments.pooledSigma(data, n, d);
        double h = klOptimalBandwidth.applyAsDouble(alpha(n, d), sigma);
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("bandwidth: theory rule gave h = " + h + " at alpha = " + alpha(n, d));
        }
        return new Bandwidth.Isotropic(h);
    }
}

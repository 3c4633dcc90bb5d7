package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;

/**
 * The high-dimensional theory bandwidth (shared/papers/kde-high-dim.md §2.3): for data that look like N(0, σ²I) at
 * α = ln n / d, the KL-optimal isotropic h = h_KL(α, σ), which lies in the condensed phase below h_G, far from
 * Scott and Silverman. The formula lives with the regime theory ({@code io.mlsyslab.analytics.regimes.TheoryBandwidth},
 * asymptotic or finite-size corrected); this class supplies n, d and the pooled σ of the sample and is handed the
 * formula, so the engine does not depend on the theory package.
 */
public final class HighDimensionalRule implements BandwidthSelector {

    /** (n, d, σ) ↦ h, e.g. {@code TheoryBandwidth::klOptimal}. */
    @FunctionalInterface
    public interface Formula {
        double bandwidth(long n, int d, double sigma);
    }

    private final String ruleName;
    private final Formula formula;

    public HighDimensionalRule(String ruleName, Formula formula) {
        if (formula == null) {
            throw new FieldErrorException("formula", "required");
        }
        this.ruleName = ruleName;
        this.formula = formula;
    }

    @Override
    public String ruleName() {
        return ruleName;
    }

    @Override
    public Bandwidth select(double[] data, int n, int d, Kernel kernel) {
        double sigma = SampleMoments.pooledSigma(data, n, d);
        double h = formula.bandwidth(n, d, sigma);
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new FieldErrorException("bandwidth", "theory rule gave h = " + h + " at n = " + n + ", d = " + d);
        }
        return new Bandwidth.Isotropic(h);
    }
}

package io.mlsyslab.analytics.kde;

/**
 * Scott's and Silverman's normal-reference rules. The plain names follow SciPy's {@code gaussian_kde}: the kernel
 * covariance is factor² times the sample covariance (a full matrix, so the kernel follows the data's shape). The
 * isotropic variants use factor × pooled σ, which stays defined when d ≥ n makes the covariance singular; note
 * scikit-learn's {@code bandwidth="scott"} uses the bare factor, i.e. assumes standardised data.
 */
public enum ReferenceRule implements BandwidthSelector {
    /** factor n^{−1/(d+4)}. */
    SCOTT("scott", false),
    /** factor (n(d+2)/4)^{−1/(d+4)}. */
    SILVERMAN("silverman", false),
    SCOTT_ISOTROPIC("scott-isotropic", true),
    SILVERMAN_ISOTROPIC("silverman-isotropic", true);

    private final String ruleName;
    private final boolean isotropic;

    ReferenceRule(String ruleName, boolean isotropic) {
        this.ruleName = ruleName;
        this.isotropic = isotropic;
    }

    @Override
    public String ruleName() {
        return ruleName;
    }

    /** The multiplier of the data scale. */
    public double factor(int n, int d) {
        return switch (this) {
            case SCOTT, SCOTT_ISOTROPIC -> Math.pow(n, -1.0 / (d + 4));
            case SILVERMAN, SILVERMAN_ISOTROPIC -> Math.pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
        };
    }

    @Override
    public Bandwidth select(double[] data, int n, int d, Kernel kernel) {
        double factor = factor(n, d);
        if (isotropic) {
            return new Bandwidth.Isotropic(factor * SampleMoments.pooledSigma(data, n, d));
        }
        double[] cov = SampleMoments.covariance(data, n, d);
        for (int i = 0; i < cov.length; i++) {
            cov[i] *= factor * factor;
        }
        return new Bandwidth.Full(cov, d);
    }
}

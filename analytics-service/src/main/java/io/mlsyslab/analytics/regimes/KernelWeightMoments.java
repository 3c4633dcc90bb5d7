package io.mlsyslab.analytics.regimes;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Exact moments, at any finite d, of the Gaussian kernel weight {@code w = exp(-|x - y|^2 / (2 h^2))} for data
 * {@code y ~ N(0, sigma^2 I_d)} and a fixed query x (only {@code |x|^2} matters). All results are logarithms because
 * the weights themselves underflow long before d reaches the sizes of interest (at d = 40, h = 0.35 a typical weight
 * is e^-326).
 */
public final class KernelWeightMoments {

    private KernelWeightMoments() {
    }

    /** {@code ln E w = -(d/2) ln(1 + sigma^2/h^2) - |x|^2 / (2 (sigma^2 + h^2))}. */
    public static double logMeanWeight(int d, double sigma, double h, double queryNormSquared) {
        check(d, sigma, h, queryNormSquared);
        double s2 = sigma * sigma;
        double h2 = h * h;
        return -0.5 * d * Math.log1p(s2 / h2) - queryNormSquared / (2 * (s2 + h2));
    }

    /** {@code ln E w^2 = -(d/2) ln(1 + 2 sigma^2/h^2) - |x|^2 / (h^2 + 2 sigma^2)}: the weight at bandwidth h/sqrt 2. */
    public static double logMeanSquaredWeight(int d, double sigma, double h, double queryNormSquared) {
        check(d, sigma, h, queryNormSquared);
        double s2 = sigma * sigma;
        double h2 = h * h;
        return -0.5 * d * Math.log1p(2 * s2 / h2) - queryNormSquared / (h2 + 2 * s2);
    }

    /** {@code ln E rho_hat_h(x) = ln N(x; 0, (sigma^2 + h^2) I)}: the data density smoothed by the kernel. */
    public static double logMeanDensity(int d, double sigma, double h, double queryNormSquared) {
        check(d, sigma, h, queryNormSquared);
        double v = sigma * sigma + h * h;
        return -0.5 * d * Math.log(2 * Math.PI * v) - queryNormSquared / (2 * v);
    }

    /**
     * Annealed {@code n Var(rho_hat / E rho_hat) = E w^2 / (E w)^2 - 1}, independent of n. Returned as a logarithm
     * because it grows like e^{d (psi(2 lambda) - 2 psi(lambda))}.
     */
    public static double logScaledRelativeVariance(int d, double sigma, double h, double queryNormSquared) {
        double logRatio = logMeanSquaredWeight(d, sigma, h, queryNormSquared)
                - 2 * logMeanWeight(d, sigma, h, queryNormSquared);
        // E w^2 >= (E w)^2, so logRatio >= 0 up to rounding; ln(expm1) keeps the small-variance end accurate.
        return logRatio > 30 ? logRatio : Math.log(Math.expm1(Math.max(logRatio, 0)));
    }

    /** {@code ln Var rho_hat_h(x) = -d ln(2 pi h^2) - ln n + ln(E w^2 - (E w)^2)}. */
    public static double logDensityVariance(int d, long n, double sigma, double h, double queryNormSquared) {
        if (n < 1) {
            throw new FieldErrorException("n", "must be >= 1");
        }
        return -d * Math.log(2 * Math.PI * h * h) - Math.log(n)
                + 2 * logMeanWeight(d, sigma, h, queryNormSquared)
                + logScaledRelativeVariance(d, sigma, h, queryNormSquared);
    }

    private static void check(int d, double sigma, double h, double queryNormSquared) {
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1");
        }
        RegimeTheory.requirePositive("sigma", sigma);
        RegimeTheory.requirePositive("h", h);
        if (!(queryNormSquared >= 0) || !Double.isFinite(queryNormSquared)) {
            throw new FieldErrorException("queryNormSquared", "must be a finite number >= 0");
        }
    }
}

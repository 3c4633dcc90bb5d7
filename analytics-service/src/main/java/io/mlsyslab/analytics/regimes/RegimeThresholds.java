package io.mlsyslab.analytics.regimes;

/**
 * One row of the phase diagram: the asymptotic thresholds for Gaussian data of scale sigma at {@code alpha = ln n / d}.
 *
 * @param lambdaG          condensation inverse temperature {@code sigma^2 / h_G^2}
 * @param hG               condensation bandwidth: extreme-value statistics below
 * @param hClt             {@code sqrt(2) h_G}: Gaussian fluctuations above, one-sided stable between h_G and h_CLT
 * @param hVar             where the annealed variance of rho_hat / E rho_hat stops being exponentially small
 * @param hKl              KL-optimal bandwidth {@code sigma sqrt(r_min)}
 * @param rMin             nearest-neighbour {@code D^2_min / (d sigma^2)}
 * @param klPerDimAtHKl    minimal KL per dimension
 * @param klPerDimAtHG     KL per dimension at h_G
 * @param scottLimit       {@code sigma e^{-alpha}}, the large-d limit of Scott's and Silverman's rules
 * @param diffusionH       {@code sigma / sqrt(e^{2 alpha} - 1)}: condensation when queries come from rho * K_h
 */
public record RegimeThresholds(
        double alpha,
        double sigma,
        double lambdaG,
        double hG,
        double hClt,
        double hVar,
        double hKl,
        double rMin,
        double klPerDimAtHKl,
        double klPerDimAtHG,
        double scottLimit,
        double diffusionH) {

    public static RegimeThresholds of(double alpha, double sigma) {
        RegimeTheory.requirePositive("alpha", alpha);
        RegimeTheory.requirePositive("sigma", sigma);
        double lambdaG = RegimeTheory.lambdaG(alpha);
        double hG = sigma / Math.sqrt(lambdaG);
        double rMin = RegimeTheory.rMin(alpha);
        return new RegimeThresholds(
                alpha,
                sigma,
                lambdaG,
                hG,
                Math.sqrt(2) * hG,
                RegimeTheory.hVar(alpha, sigma),
                sigma * Math.sqrt(rMin),
                rMin,
                alpha + 0.5 * Math.log(rMin),
                RegimeTheory.klPerDim(alpha, sigma, hG),
                sigma * Math.exp(-alpha),
                sigma / Math.sqrt(Math.expm1(2 * alpha)));
    }
}

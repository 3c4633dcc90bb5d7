package io.mlsyslab.analytics.regimes;

import io.mlsyslab.nn.numerics.SpecialFunctions;
import io.mlsyslab.contract.FieldErrorException;
import java.util.random.RandomGenerator;

/**
 * The non-central chi-square law with k degrees of freedom and non-centrality nc: the law of {@code |x - y|^2 /
 * sigma^2} for {@code y ~ N(0, sigma^2 I_k)} and {@code nc = |x|^2 / sigma^2}. Lets the regime code draw distances
 * without building vectors and integrate the exact nearest-neighbour law.
 */
public final class NoncentralChiSquared {

    private final double k;
    private final double nc;
    private final double sqrtNc;

    public NoncentralChiSquared(double k, double nc) {
        RegimeTheory.requirePositive("k", k);
        if (!(nc >= 0) || !Double.isFinite(nc)) {
            throw new FieldErrorException("nc", "must be a finite number >= 0, got " + nc);
        }
        this.k = k;
        this.nc = nc;
        this.sqrtNc = Math.sqrt(nc);
    }

    public double mean() {
        return k + nc;
    }

    public double variance() {
        return 2 * (k + 2 * nc);
    }

    /**
     * CDF as the Poisson(nc/2) mixture of central chi-squares with k + 2j degrees of freedom. Every term is
     * non-negative, so small CDF values keep their relative accuracy (no 1 - Q cancellation in the lower tail).
     */
    public double cdf(double x) {
        if (x <= 0) {
            return 0;
        }
        double mu = nc / 2;
        if (mu == 0) {
            return SpecialFunctions.regularizedGammaP(k / 2, x / 2);
        }
        int mode = (int) Math.floor(mu);
        double logMu = Math.log(mu);
        double sum = 0;
        // Walk out from the Poisson mode both ways until the terms are negligible. Below the mode the chi-square
        // factor grows as j falls, so in the far lower tail the largest terms sit well below the mode: stop only
        // once the terms themselves are falling and negligible, not the Poisson weights.
        double previous = Double.POSITIVE_INFINITY;
        for (int j = mode; j >= 0; j--) {
            double weight = Math.exp(-mu + j * logMu - SpecialFunctions.logGamma(j + 1));
            double term = weight * SpecialFunctions.regularizedGammaP(k / 2 + j, x / 2);
            sum += term;
            if (term < previous && term < sum * 1e-18) {
                break;
            }
            previous = term;
        }
        for (int j = mode + 1; ; j++) {
            double weight = Math.exp(-mu + j * logMu - SpecialFunctions.logGamma(j + 1));
            double term = weight * SpecialFunctions.regularizedGammaP(k / 2 + j, x / 2);
            sum += term;
            if (term < sum * 1e-18 || weight < 1e-300) {
                break;
            }
        }
        return Math.min(sum, 1.0);
    }

    /** One draw as {@code (Z + sqrt(nc))^2 + chi^2_{k-1}}, the chi-square part a doubled Gamma((k-1)/2). */
    public double sample(RandomGenerator rng) {
        double z = rng.nextGaussian() + sqrtNc;
        double rest = k > 1 ? 2 * sampleGamma(rng, (k - 1) / 2) : 0;
        return z * z + rest;
    }

    /** Marsaglia-Tsang (2000) for shape >= 1; shape < 1 boosted by {@code U^{1/shape}}. */
    static double sampleGamma(RandomGenerator rng, double shape) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return sampleGamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}

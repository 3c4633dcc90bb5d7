package io.mlsyslab.analytics.regimes;

import io.mlsyslab.nn.numerics.RootFinding;
import io.mlsyslab.contract.FieldErrorException;

/**
 * Closed forms of the high-dimensional KDE regimes for Gaussian data {@code N(0, sigma^2 I_d)}, a Gaussian kernel and
 * {@code n = e^{alpha d}} points, in the limit d -> infinity at fixed alpha (see {@code docs/kde-regimes.md}).
 *
 * <p>Everything is written with the inverse temperature {@code lambda = sigma^2 / h^2} and the query's normalised
 * squared norm {@code s = |x|^2 / (d sigma^2)} ({@code s -> 1} for a query drawn from the data law). The estimator is
 * a random energy model: the i-th point has energy {@code E_i = |x - y_i|^2 / (2 d sigma^2)} and weight
 * {@code w_i = exp(-lambda d E_i)}.
 */
public final class RegimeTheory {

    private RegimeTheory() {
    }

    /** Per-dimension log of the mean kernel weight: {@code (1/d) ln E w = psi_s(lambda)}. */
    public static double psi(double lambda, double s) {
        return -0.5 * (Math.log1p(lambda) + lambda * s / (1 + lambda));
    }

    /**
     * Entropy per dimension of the points that dominate {@code sum w} at inverse temperature lambda:
     * {@code Sigma = alpha + psi - lambda psi'}. The sum is self-averaging while it is positive and condenses onto
     * a few points where it crosses zero.
     */
    public static double dominantEntropy(double alpha, double lambda, double s) {
        double a = 1 + lambda;
        return alpha - 0.5 * (Math.log1p(lambda) - lambda / a + lambda * lambda * s / (a * a));
    }

    /** The condensation inverse temperature for a typical query (s = 1): root of 2 alpha = ln(1+l) - l/(1+l)^2. */
    public static double lambdaG(double alpha) {
        return lambdaG(alpha, 1.0);
    }

    /** The condensation inverse temperature for a query of normalised squared norm s: root of Sigma_s(lambda) = 0. */
    public static double lambdaG(double alpha, double s) {
        requirePositive("alpha", alpha);
        requirePositive("s", s);
        // d(-Sigma)/dlambda = lambda / (2 (1+lambda)^2) + s lambda / (1+lambda)^3 > 0: one root, found by bisection.
        return RootFinding.increasingRoot(l -> -dominantEntropy(alpha, l, s), 1e-300, 1.0);
    }

    /** Condensation bandwidth {@code h_G = sigma / sqrt(lambda_G)}: below it a handful of points carry the sum. */
    public static double hG(double alpha, double sigma) {
        requirePositive("sigma", sigma);
        return sigma / Math.sqrt(lambdaG(alpha));
    }

    /** CLT bandwidth {@code h_CLT = sqrt(2) h_G}: the sum of squared weights condenses at 2 lambda. */
    public static double hClt(double alpha, double sigma) {
        return Math.sqrt(2) * hG(alpha, sigma);
    }

    /**
     * Variance bandwidth: {@code lambda_var} solves {@code alpha = psi(2 lambda) - 2 psi(lambda)}, i.e. where the
     * annealed relative variance {@code E w^2 / (n (E w)^2)} stops being exponentially small.
     */
    public static double hVar(double alpha, double sigma) {
        requirePositive("alpha", alpha);
        requirePositive("sigma", sigma);
        double lambdaVar = RootFinding.increasingRoot(l -> psi(2 * l, 1) - 2 * psi(l, 1) - alpha, 1e-300, 1.0);
        return sigma / Math.sqrt(lambdaVar);
    }

    /** Minimum energy per dimension {@code e_min = (1/(1+l_G) + s/(1+l_G)^2) / 2} of the nearest point. */
    public static double eMin(double lambdaG, double s) {
        double a = 1 + lambdaG;
        return 0.5 * (1 / a + s / (a * a));
    }

    /** Nearest-neighbour squared distance per dimension, {@code D^2_min / (d sigma^2) -> r_min = 2 e_min(s=1)}. */
    public static double rMin(double alpha) {
        return 2 * eMin(lambdaG(alpha), 1.0);
    }

    /** KL-optimal bandwidth {@code h_KL = sigma sqrt(r_min)}, just inside the condensed phase. */
    public static double hKl(double alpha, double sigma) {
        requirePositive("sigma", sigma);
        return sigma * Math.sqrt(rMin(alpha));
    }

    /** Minimal KL per dimension, {@code alpha + ln(r_min) / 2}. */
    public static double klMinPerDim(double alpha) {
        return alpha + 0.5 * Math.log(rMin(alpha));
    }

    /** Stable index {@code mu = h^2 / h_G^2}: >= 2 Gaussian, (1, 2) one-sided stable, < 1 Poisson-Dirichlet(mu). */
    public static double stableIndex(double alpha, double sigma, double h) {
        requirePositive("h", h);
        double hg = hG(alpha, sigma);
        return h * h / (hg * hg);
    }

    /** Limit of {@code (1/d) ln Z} for a typical query, quenched (one dataset): annealed above h_G, frozen below. */
    public static double quenchedLogSumPerDim(double alpha, double sigma, double h) {
        double lambda = lambdaOf(sigma, h);
        double lambdaG = lambdaG(alpha);
        return lambda >= lambdaG ? -lambda * eMin(lambdaG, 1) : alpha + psi(lambda, 1);
    }

    /** Asymptotic {@code f1 = (1/d) <ln(Z / E Z)>}: zero for h >= h_G, {@code -l e_min - alpha - psi(l)} below. */
    public static double f1(double alpha, double sigma, double h) {
        double lambda = lambdaOf(sigma, h);
        double lambdaG = lambdaG(alpha);
        return lambda <= lambdaG ? 0.0 : -lambda * eMin(lambdaG, 1) - alpha - psi(lambda, 1);
    }

    /** Asymptotic {@code f2 = (1/d) <ln(sum w^2 / E sum w^2)>}: the same freezing at 2 lambda, hence h_CLT. */
    public static double f2(double alpha, double sigma, double h) {
        return f1(alpha, sigma, h / Math.sqrt(2));
    }

    /** Asymptotic mean participation ratio {@code E[Y2] = 1 - h^2/h_G^2} below h_G (PD(mu) weights), 0 above. */
    public static double participationRatio(double alpha, double sigma, double h) {
        return Math.max(0.0, 1.0 - stableIndex(alpha, sigma, h));
    }

    /**
     * Asymptotic {@code KL(rho || rho_hat_h) / d}. Above h_G the estimate equals its mean {@code N(0, sigma^2+h^2)};
     * below, {@code ln rho_hat} is set by the nearest point at distance {@code sqrt(d r_min) sigma}.
     */
    public static double klPerDim(double alpha, double sigma, double h) {
        double lambda = lambdaOf(sigma, h);
        double lambdaG = lambdaG(alpha);
        if (lambda <= lambdaG) {
            double t = 1 / lambda;
            return 0.5 * (Math.log1p(t) - t / (1 + t));
        }
        return -0.5 + alpha + Math.log(h / sigma) + lambda * eMin(lambdaG, 1);
    }

    /**
     * Finite-size heuristic of the digest: at dimension d the extreme-value statistics of n = e^{alpha d} points
     * look like those of the infinite-d model at {@code alpha_eff = alpha - ln(d) / (2 d)}.
     */
    public static double heuristicEffectiveAlpha(double alpha, int d) {
        requirePositive("alpha", alpha);
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1");
        }
        return alpha - Math.log(d) / (2.0 * d);
    }

    /**
     * The alpha whose asymptotic nearest-neighbour distance {@code r_min} equals the given one: inverts
     * {@code r_min(lambda) = 1/(1+l) + 1/(1+l)^2} (decreasing in lambda) and maps lambda back through the
     * condensation equation. Fed with the exact finite-d mean of {@code D^2_min / (d sigma^2)} it gives a finite-size
     * corrected alpha that needs no heuristic.
     */
    public static double alphaForNearestNeighbour(double rMin) {
        if (!(rMin > 0 && rMin < 2)) {
            throw new FieldErrorException("rMin", "must be in (0, 2), got " + rMin);
        }
        double lambda = RootFinding.increasingRoot(l -> {
            double a = 1 + l;
            return rMin - (1 / a + 1 / (a * a));
        }, 1e-300, 1.0);
        return 0.5 * (Math.log1p(lambda) - lambda / ((1 + lambda) * (1 + lambda)));
    }

    static double lambdaOf(double sigma, double h) {
        requirePositive("sigma", sigma);
        requirePositive("h", h);
        return (sigma * sigma) / (h * h);
    }

    static void requirePositive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new FieldErrorException(field, "must be a finite number > 0, got " + value);
        }
    }
}

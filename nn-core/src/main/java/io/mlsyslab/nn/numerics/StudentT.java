package io.mlsyslab.nn.numerics;

/**
 * Student's t distribution: e.g. the two-sided 95% quantile for confidence intervals over a handful of seeds, where
 * the normal 1.96 would understate the uncertainty.
 */
public final class StudentT {

    private StudentT() {
    }

    /** P(T <= t) for {@code dof} degrees of freedom, via the regularised incomplete beta function. */
    public static double cdf(double t, double dof) {
        if (!(dof > 0)) {
            throw new IllegalArgumentException("dof: must be > 0");
        }
        double x = dof / (dof + t * t);
        double tail = 0.5 * SpecialFunctions.regularizedBeta(x, dof / 2.0, 0.5);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /** The quantile t with P(T <= t) = p, by bracketed bisection on the increasing cdf. */
    public static double quantile(double p, double dof) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p: must be in (0, 1)");
        }
        if (p < 0.5) {
            return -quantile(1.0 - p, dof);
        }
        if (p == 0.5) {
            return 0.0;
        }
        return RootFinding.increasingRoot(t -> cdf(t, dof) - p, Double.MIN_NORMAL, 1.0);
    }
}

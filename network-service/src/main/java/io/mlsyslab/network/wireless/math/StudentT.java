package io.mlsyslab.network.wireless.math;

import io.mlsyslab.contract.FieldErrorException;

/**
 * Student's t distribution: the two-sided 95% quantile used for confidence intervals over a handful of seeds,
 * where the normal 1.96 would understate the uncertainty.
 */
public final class StudentT {

    private StudentT() {
    }

    /** P(T <= t) for {@code dof} degrees of freedom, via the regularised incomplete beta function. */
    public static double cdf(double t, double dof) {
        if (!(dof > 0)) {
            throw new FieldErrorException("dof", "must be > 0");
        }
        double x = dof / (dof + t * t);
        double tail = 0.5 * IncompleteBeta.regularized(x, dof / 2.0, 0.5);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /** The quantile t with P(T <= t) = p, by bisection on the monotone cdf (60 halvings reach double precision). */
    public static double quantile(double p, double dof) {
        if (!(p > 0 && p < 1)) {
            throw new FieldErrorException("p", "must be in (0, 1)");
        }
        if (p < 0.5) {
            return -quantile(1.0 - p, dof);
        }
        double lo = 0.0;
        double hi = 1.0;
        while (cdf(hi, dof) < p) {
            hi *= 2.0;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, dof) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}

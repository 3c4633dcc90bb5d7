package io.mlsyslab.analytics.regimes;

import io.mlsyslab.nn.numerics.RootFinding;
import io.mlsyslab.contract.FieldErrorException;

/**
 * Exact finite-(n, d) law of the nearest-neighbour squared distance from a query to n Gaussian points:
 * {@code P(D^2_min > t) = (1 - F(t / sigma^2; d, |x|^2 / sigma^2))^n} with F the non-central chi-square CDF.
 * Its mean, per dimension, converges to {@code r_min} slowly (the O(ln d / d) finite-size shift of the regimes).
 */
public final class NearestNeighbourLaw {

    private static final int SIMPSON_INTERVALS = 2000;
    private static final int QUERY_QUANTILES = 64;

    private NearestNeighbourLaw() {
    }

    /** {@code E[D^2_min] / (d sigma^2)} for a query of given {@code |x|^2 / sigma^2}. */
    public static double meanPerDim(long n, int d, double queryNormSquaredOverSigma2) {
        if (n < 1) {
            throw new FieldErrorException("n", "must be >= 1");
        }
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1");
        }
        NoncentralChiSquared law = new NoncentralChiSquared(d, queryNormSquaredOverSigma2);
        // E D^2_min = int_0^inf S(t) dt, S = (1 - F)^n. Below tLow S = 1 to double precision, above tHigh S < e^-40.
        double upper = law.mean() + 60 * Math.sqrt(law.variance());
        double tLow = solveLogN(law, n, Math.log(1e-17), upper);
        double tHigh = solveLogN(law, n, Math.log(40), upper);
        double width = (tHigh - tLow) / SIMPSON_INTERVALS;
        double sum = survival(law, n, tLow) + survival(law, n, tHigh);
        for (int i = 1; i < SIMPSON_INTERVALS; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * survival(law, n, tLow + i * width);
        }
        return (tLow + sum * width / 3) / d;
    }

    /** The same mean averaged over queries {@code x ~ N(0, sigma^2 I_d)} (|x|^2/sigma^2 ~ chi^2_d, midpoint quantiles). */
    public static double meanPerDimOverQueries(long n, int d) {
        NoncentralChiSquared central = new NoncentralChiSquared(d, 0);
        double sum = 0;
        for (int i = 0; i < QUERY_QUANTILES; i++) {
            double p = (i + 0.5) / QUERY_QUANTILES;
            double q = RootFinding.increasingRoot(t -> central.cdf(t) - p, 1e-9, d);
            sum += meanPerDim(n, d, q);
        }
        return sum / QUERY_QUANTILES;
    }

    private static double survival(NoncentralChiSquared law, long n, double t) {
        double f = law.cdf(t);
        return f >= 1 ? 0 : Math.exp(n * Math.log1p(-f));
    }

    /** The t at which {@code ln(n F(t)) = target}, clamped to [0, upper]. */
    private static double solveLogN(NoncentralChiSquared law, long n, double target, double upper) {
        double logN = Math.log(n);
        if (logN + Math.log(law.cdf(upper)) < target) {
            return upper;
        }
        double lo = 0;
        double hi = upper;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * upper; i++) {
            double mid = 0.5 * (lo + hi);
            double f = law.cdf(mid);
            if (f > 0 && logN + Math.log(f) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}

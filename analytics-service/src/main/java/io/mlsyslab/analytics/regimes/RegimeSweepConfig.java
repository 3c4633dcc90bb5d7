package io.mlsyslab.analytics.regimes;

import io.mlsyslab.contract.FieldErrorException;
import java.util.List;

/**
 * What {@link RegimeSweep} measures: n points of {@code N(0, sigma^2 I_d)}, m queries from the same law, on
 * {@code datasets} independent datasets, at the bandwidths {@code h = ratio * h_G(alpha)} with
 * {@code alpha = ln n / d}; plus {@code replicates} replicate datasets at one typical query
 * ({@code |x|^2 = d sigma^2}) for the fluctuations of {@code rho_hat / E rho_hat} (0 skips that part).
 */
public record RegimeSweepConfig(
        int d,
        long n,
        double sigma,
        int queries,
        int datasets,
        int replicates,
        List<Double> ratios,
        long seed,
        int threads) {

    /** Largest n: the replicate study holds n distances per thread, the sweep streams the data in chunks. */
    public static final long MAX_N = 50_000_000L;

    public RegimeSweepConfig {
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1, got " + d);
        }
        if (n < 2 || n > MAX_N) {
            throw new FieldErrorException("n", "must be in [2, " + MAX_N + "], got " + n);
        }
        RegimeTheory.requirePositive("sigma", sigma);
        if (queries < 1) {
            throw new FieldErrorException("queries", "must be >= 1, got " + queries);
        }
        if (datasets < 1) {
            throw new FieldErrorException("datasets", "must be >= 1, got " + datasets);
        }
        if (replicates < 0 || replicates == 1) {
            throw new FieldErrorException("replicates", "must be 0 (skip) or >= 2, got " + replicates);
        }
        if (ratios == null || ratios.isEmpty()) {
            throw new FieldErrorException("ratios", "must list at least one h / h_G");
        }
        for (Double r : ratios) {
            if (r == null || !(r > 0) || !Double.isFinite(r)) {
                throw new FieldErrorException("ratios", "every h / h_G must be a finite number > 0, got " + r);
            }
        }
        ratios = ratios.stream().sorted().toList();
        if (threads < 1) {
            throw new FieldErrorException("threads", "must be >= 1, got " + threads);
        }
    }

    /** {@code alpha = ln n / d}. */
    public double alpha() {
        return Math.log(n) / d;
    }

    /** {@code n = round(e^{alpha d})}, the digest's convention. */
    public static long pointsFor(double alpha, int d) {
        RegimeTheory.requirePositive("alpha", alpha);
        double n = Math.rint(Math.exp(alpha * d));
        if (!(n <= MAX_N)) {
            throw new FieldErrorException("alpha", "e^(alpha d) = " + n + " points exceeds " + MAX_N);
        }
        return Math.max(2, (long) n);
    }

    /** Log-spaced h / h_G grid from lo to hi with the given number of points. */
    public static List<Double> logGrid(double lo, double hi, int points) {
        RegimeTheory.requirePositive("lo", lo);
        if (!(hi > lo) || points < 2) {
            throw new FieldErrorException("hi", "must exceed lo with at least 2 points");
        }
        Double[] out = new Double[points];
        for (int i = 0; i < points; i++) {
            out[i] = lo * Math.pow(hi / lo, i / (double) (points - 1));
        }
        return List.of(out);
    }
}

package io.mlsyslab.network.wireless.math;

/**
 * Bessel function of the first kind, order zero: the Clarke/Jakes autocorrelation of Rayleigh fading,
 * {@code R(tau) = J0(2 pi f_d tau)}.
 *
 * <p>Power series below |x| = 12 (largest term about 4e3, so about 12 significant digits survive the
 * cancellation) and Hankel's asymptotic expansion above, summed until its terms stop shrinking.
 */
public final class BesselJ0 {

    private static final double SERIES_LIMIT = 12.0;

    private BesselJ0() {
    }

    public static double j0(double x) {
        double ax = Math.abs(x);
        return ax < SERIES_LIMIT ? series(ax) : asymptotic(ax);
    }

    private static double series(double x) {
        double q = -(x * x) / 4.0;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (Math.abs(term) < 1e-17 * Math.max(1.0, Math.abs(sum))) {
                break;
            }
        }
        return sum;
    }

    /**
     * J0(x) = sqrt(2/(pi x)) [P cos(x - pi/4) - Q sin(x - pi/4)], P = sum (-1)^k a_{2k} / x^{2k},
     * Q = sum (-1)^k a_{2k+1} / x^{2k+1}, with a_k = prod_{j<=k} (0 - (2j-1)^2) / (k! 8^k): for order zero the
     * product makes a_k alternate in sign, so Q starts at -1/(8x).
     */
    private static double asymptotic(double x) {
        double p = 0.0;
        double q = 0.0;
        double a = 1.0;
        double xp = 1.0;
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 60; k++) {
            double term = a / xp;
            if (term > previous) {
                break;
            }
            previous = term;
            // (-1)^{floor(k/2)} from the series times (-1)^k from a_k
            int sign = ((k / 2) % 2 == 0) ? 1 : -1;
            if (k % 2 == 0) {
                p += sign * term;
            } else {
                q -= sign * term;
            }
            if (term < 1e-17) {
                break;
            }
            double odd = 2.0 * k + 1.0;
            a *= odd * odd / (8.0 * (k + 1));
            xp *= x;
        }
        double phase = x - Math.PI / 4.0;
        return Math.sqrt(2.0 / (Math.PI * x)) * (p * Math.cos(phase) - q * Math.sin(phase));
    }
}

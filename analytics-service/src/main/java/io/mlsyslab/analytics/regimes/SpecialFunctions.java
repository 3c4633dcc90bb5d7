package io.mlsyslab.analytics.regimes;

/** Log-gamma and the regularised incomplete gamma function, enough for chi-square laws at double precision. */
final class SpecialFunctions {

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7
    };
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {
    }

    /** {@code ln Gamma(x)} for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection keeps the Lanczos sum in its accurate range.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * Regularised lower incomplete gamma {@code P(a, x)}. The power series is used below {@code x = a + 1}, where it
     * stays relatively accurate however small P is (the nearest-neighbour law lives in that far lower tail); the
     * Lentz continued fraction for Q above.
     */
    static double regularizedGammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x < a + 1) {
            return Math.exp(logSeriesP(a, x));
        }
        return 1 - regularizedGammaQContinuedFraction(a, x);
    }

    private static double logSeriesP(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int k = 1; k < 100_000; k++) {
            term *= x / (a + k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return Math.log(sum) + a * Math.log(x) - x - logGamma(a);
    }

    private static double regularizedGammaQContinuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 100_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(a * Math.log(x) - x - logGamma(a)) * h;
    }
}

package io.mlsyslab.analytics.regimes;

/** Log-gamma and the regularised incomplete gamma function, enough for chi-square laws at double precision. */
final class SpecialFunctions {

    private SpecialFunctions() {
    }

    /** {@code ln Gamma(x)} for x > 0. */
    static double logGamma(double x) {
        return io.mlsyslab.analytics.kde.LogGamma.of(x);
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

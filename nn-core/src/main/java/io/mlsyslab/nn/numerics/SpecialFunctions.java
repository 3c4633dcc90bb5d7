package io.mlsyslab.nn.numerics;

/**
 * Log-gamma and the regularised incomplete gamma and beta functions at double precision: enough for chi-square,
 * Student-t and kernel normalisations (the JDK has no lgamma).
 */
public final class SpecialFunctions {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {
    }

    /**
     * {@code ln Γ(x)} for finite x > 0, to ~1e-15 relative. Stirling's series once x >= 15 (its first omitted term
     * is below 1e-17 there); smaller arguments are shifted up with Γ(x) = Γ(x + k) / (x (x+1) ... (x+k-1)), which
     * loses nothing because the product is exact to a few ulp.
     */
    public static double logGamma(double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("x: lgamma needs a finite positive argument, got " + x);
        }
        double product = 1;
        while (x < 15) {
            product *= x;
            x += 1;
        }
        double shiftLog = Math.log(product);
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
                - inv2 * (1.0 / 1188)))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shiftLog;
    }

    /**
     * Regularised lower incomplete gamma {@code P(a, x)}. The power series is used below {@code x = a + 1}, where it
     * stays relatively accurate however small P is; the Lentz continued fraction for Q above.
     */
    public static double regularizedGammaP(double a, double x) {
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

    /**
     * Regularised incomplete beta {@code I_x(a, b)} by Lentz's continued fraction, evaluated on the side of the mean
     * where it converges fast.
     */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0.0;
        }
        if (x >= 1) {
            return 1.0;
        }
        double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        double front = Math.exp(lnFront);
        if (x < (a + 1.0) / (a + b + 2.0)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1.0 - front * betaContinuedFraction(1.0 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1.0;
        double d = 1.0 - (a + b) * x / (a + 1.0);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1.0 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1.0 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return h;
    }
}

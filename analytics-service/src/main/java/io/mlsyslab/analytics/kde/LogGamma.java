package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;

/** ln Γ(x) for x > 0, to ~1e-15 relative: the JDK has no lgamma and kernel normalisations need it up to x ~ 500. */
public final class LogGamma {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LogGamma() {
    }

    /**
     * Stirling's series once x >= 15 (its first omitted term is below 1e-17 there); smaller arguments are shifted
     * up with Γ(x) = Γ(x + k) / (x (x+1) ... (x+k-1)), which loses nothing because the product is exact to a few ulp.
     */
    public static double of(double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new FieldErrorException("x", "lgamma needs a finite positive argument, got " + x);
        }
        double shiftLog = 0;
        double product = 1;
        while (x < 15) {
            product *= x;
            x += 1;
        }
        shiftLog = Math.log(product);
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
                - inv2 * (1.0 / 1188)))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shiftLog;
    }
}

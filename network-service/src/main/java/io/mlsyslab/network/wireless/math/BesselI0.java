package io.mlsyslab.network.wireless.math;

/**
 * Exponentially scaled modified Bessel function e^{-|x|} I0(x), which the Rician density needs without overflow.
 * Polynomial approximations of Abramowitz and Stegun 9.8.1 and 9.8.2 (relative error below 2e-7).
 */
public final class BesselI0 {

    private BesselI0() {
    }

    public static double scaled(double x) {
        double ax = Math.abs(x);
        if (ax < 3.75) {
            double t = x / 3.75;
            t *= t;
            double i0 = 1.0 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768
                    + t * 0.0045813)))));
            return i0 * Math.exp(-ax);
        }
        double t = 3.75 / ax;
        double p = 0.39894228 + t * (0.01328592 + t * (0.00225319 + t * (-0.00157565 + t * (0.00916281
                + t * (-0.02057706 + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377)))))));
        return p / Math.sqrt(ax);
    }
}

package io.mlsyslab.nn.numerics;

import java.util.function.DoubleUnaryOperator;

/** Bracketed root finding for monotone equations (threshold laws, distribution quantiles). */
public final class RootFinding {

    private RootFinding() {
    }

    /**
     * Root of an increasing function {@code f} on {@code (lo, hi)}: the bracket is widened geometrically until it
     * changes sign, then bisected to the last representable double. Bisection (not Newton) because the threshold
     * equations are only known to be monotone, and 60-odd halvings cost nothing next to a sweep.
     */
    public static double increasingRoot(DoubleUnaryOperator f, double lo, double hi) {
        double flo = f.applyAsDouble(lo);
        for (int i = 0; i < 200 && flo > 0; i++) {
            lo /= 2;
            flo = f.applyAsDouble(lo);
        }
        double fhi = f.applyAsDouble(hi);
        for (int i = 0; i < 200 && fhi < 0; i++) {
            hi *= 2;
            fhi = f.applyAsDouble(hi);
        }
        if (flo > 0 || fhi < 0) {
            throw new ArithmeticException("no sign change of an increasing function in [" + lo + ", " + hi + "]");
        }
        for (int i = 0; i < 400; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (f.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}

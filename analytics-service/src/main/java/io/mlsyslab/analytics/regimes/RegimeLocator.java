package io.mlsyslab.analytics.regimes;

import io.mlsyslab.contract.FieldErrorException;

/** Reads regime boundaries off curves sampled on an increasing bandwidth grid (see {@link RegimeLocations}). */
public final class RegimeLocator {

    private RegimeLocator() {
    }

    public static RegimeLocations locate(double[] h, double[] f1, double[] f2, double[] y2, double[] kl, int d) {
        double[] df1 = scaled(f1, d);
        double[] df2 = scaled(f2, d);
        double[] minimum = minimum(h, kl);
        return new RegimeLocations(
                boxed(largestCrossingBelow(h, df1, -1)),
                boxed(largestCrossingAbove(h, y2, Math.exp(-1))),
                boxed(largestCrossingBelow(h, df2, -1)),
                boxed(minimum[0]),
                boxed(minimum[1]));
    }

    /**
     * Scanning from the largest h down, the first place where {@code v} falls to {@code level} or below, linearly
     * interpolated in ln h; NaN if it never does or already does at the largest h.
     */
    public static double largestCrossingBelow(double[] h, double[] v, double level) {
        checkGrid(h, v);
        int last = h.length - 1;
        if (v[last] <= level) {
            return Double.NaN;
        }
        for (int i = last - 1; i >= 0; i--) {
            if (v[i] <= level) {
                double t = (level - v[i]) / (v[i + 1] - v[i]);
                return Math.exp(Math.log(h[i]) + t * (Math.log(h[i + 1]) - Math.log(h[i])));
            }
        }
        return Double.NaN;
    }

    /** The same scan for a quantity that rises as h shrinks: first place from the top where {@code v >= level}. */
    public static double largestCrossingAbove(double[] h, double[] v, double level) {
        double[] negated = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            negated[i] = -v[i];
        }
        return largestCrossingBelow(h, negated, -level);
    }

    /**
     * {h*, v(h*)} at the minimum of v: the grid minimum refined by the parabola through it and its two neighbours in
     * ln h; the grid point itself at an edge of the grid (then the minimum is not bracketed).
     */
    public static double[] minimum(double[] h, double[] v) {
        checkGrid(h, v);
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        if (best == 0 || best == v.length - 1) {
            return new double[] {h[best], v[best]};
        }
        double x0 = Math.log(h[best - 1]);
        double x1 = Math.log(h[best]);
        double x2 = Math.log(h[best + 1]);
        double y0 = v[best - 1];
        double y1 = v[best];
        double y2 = v[best + 1];
        double d01 = (y1 - y0) / (x1 - x0);
        double d12 = (y2 - y1) / (x2 - x1);
        double curvature = (d12 - d01) / (x2 - x0);
        if (!(curvature > 0)) {
            return new double[] {h[best], v[best]};
        }
        // y = y1 + b (x - x1) + curvature (x - x1)^2 with b the slope at x1 of the interpolating parabola.
        double b = d01 + curvature * (x1 - x0);
        double xs = x1 - b / (2 * curvature);
        double ys = y1 - b * b / (4 * curvature);
        return new double[] {Math.exp(xs), ys};
    }

    private static double[] scaled(double[] v, int d) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * d;
        }
        return out;
    }

    private static Double boxed(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void checkGrid(double[] h, double[] v) {
        if (h.length != v.length || h.length < 1) {
            throw new FieldErrorException("h", "grid and values must have the same non-zero length");
        }
        for (int i = 1; i < h.length; i++) {
            if (!(h[i] > h[i - 1])) {
                throw new FieldErrorException("h", "grid must be strictly increasing");
            }
        }
    }
}

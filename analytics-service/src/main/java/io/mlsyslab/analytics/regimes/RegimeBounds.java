package io.mlsyslab.analytics.regimes;

/**
 * The one source of the ranges of the KDE-regime quantities: the {@code kde-regimes} run kind's constraints and the
 * synchronous {@code GET /kde/regimes} and {@code POST /kde/density} check the same values, so neither accepts what
 * the other refuses. Strings, as Jakarta's {@code @DecimalMin}/{@code @DecimalMax} need constants.
 */
public final class RegimeBounds {

    /** {@code alpha = ln n / d}: below 0.01 n rounds to 1 or 2 at every admitted d; above 3 no n fits at d >= 6. */
    public static final String ALPHA_MIN = "0.01";
    public static final String ALPHA_MAX = "3.0";
    /**
     * Per-coordinate standard deviation. Distances scale with sigma² · d, so a subnormal sigma (4.9e-324) makes every
     * distance 0 and the bandwidth sweep divides by it; 1e-6 keeps sigma² · d a normal double for every admitted d.
     */
    public static final String SIGMA_MIN = "1e-6";
    public static final String SIGMA_MAX = "1e6";
    public static final int D_MIN = 1;
    public static final int D_MAX = 200;

    private RegimeBounds() {
    }

    public static double alphaMin() {
        return Double.parseDouble(ALPHA_MIN);
    }

    public static double alphaMax() {
        return Double.parseDouble(ALPHA_MAX);
    }

    public static double sigmaMin() {
        return Double.parseDouble(SIGMA_MIN);
    }

    public static double sigmaMax() {
        return Double.parseDouble(SIGMA_MAX);
    }
}

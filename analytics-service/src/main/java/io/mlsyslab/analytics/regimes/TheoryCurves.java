package io.mlsyslab.analytics.regimes;

import java.util.ArrayList;
import java.util.List;

/** The asymptotic curves of {@link RegimeTheory} sampled on a log grid of h / h_G, for charts and the API. */
public final class TheoryCurves {

    /** One sample: {@code mu = ratio^2} is the stable index. */
    public record Point(double ratio, double h, double stableIndex, double f1, double f2, double participationRatio,
                        double klPerDim) {
    }

    private TheoryCurves() {
    }

    public static List<Point> sample(double alpha, double sigma, double loRatio, double hiRatio, int points) {
        double hG = RegimeTheory.hG(alpha, sigma);
        List<Point> out = new ArrayList<>(points);
        for (double ratio : RegimeSweepConfig.logGrid(loRatio, hiRatio, points)) {
            double h = ratio * hG;
            out.add(new Point(ratio, h, ratio * ratio, RegimeTheory.f1(alpha, sigma, h), RegimeTheory.f2(alpha, sigma, h),
                    RegimeTheory.participationRatio(alpha, sigma, h), RegimeTheory.klPerDim(alpha, sigma, h)));
        }
        return out;
    }
}

package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.network.wireless.csi.CsiEstimate;
import io.mlsyslab.network.wireless.phy.ExpectedPer;
import io.mlsyslab.network.wireless.phy.ModeTable;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses a slot's transmission mode for one user. A fixed-mode stack always sends in its mode. An AMC stack sends in
 * the highest mode whose packet error rate, averaged over what it believes about the channel, is at most its P0;
 * with a point belief this is the threshold rule gamma >= gamma_n(P0), and below gamma_1 it stays silent as LZG's AMC
 * does. The same holds for an uncertain belief: when no mode meets P0 in expectation the slot is left unused. (Gambling
 * on the mode of highest expected goodput instead was tried and raised the video deadline-miss rate: with truncated
 * ARQ a lost gamble becomes residual loss, and one lost packet costs a whole frame.)
 *
 * <p>For a fixed prediction variance the expected PER falls monotonically with |mean| (|h|^2 is stochastically
 * increasing in the noncentrality), so each mode has a threshold on |mean|. The Kalman variance settles to a constant
 * after a few dozen slots; once a variance value recurs its thresholds are found by bisection and reused, which
 * replaces six quadratures per slot by six comparisons and gives the same decisions up to the bisection tolerance.
 */
final class ModeSelector {

    private static final int CACHE_AFTER_SIGHTINGS = 2;

    private final ModeTable table;
    private final boolean adaptive;
    private final int fixedMode;
    private final double targetPer;
    private final double meanSnr;
    private final Map<Long, Integer> sightings = new HashMap<>();
    private final Map<Long, double[]> thresholds = new HashMap<>();

    ModeSelector(ScenarioConfig cfg, Stack stack) {
        this.table = cfg.phy().modes();
        this.adaptive = stack.adaptiveModulation();
        this.fixedMode = cfg.link().fixedMode() - 1;
        this.targetPer = stack.targetPer(cfg.link());
        this.meanSnr = cfg.channel().meanSnrLinear();
    }

    /** 0-based mode index, or -1 for no transmission. */
    int select(CsiEstimate belief) {
        if (!adaptive) {
            return fixedMode;
        }
        if (belief.variance() <= 1e-12) {
            return table.selectByThreshold(meanSnr * belief.meanAbs() * belief.meanAbs(), targetPer);
        }
        double[] cached = thresholdsFor(belief.variance());
        for (int n = table.size() - 1; n >= 0; n--) {
            boolean meets = cached != null ? belief.meanAbs() >= cached[n]
                    : ExpectedPer.of(table.mode(n), meanSnr, belief.meanAbs(), belief.variance()) <= targetPer;
            if (meets) {
                return n;
            }
        }
        return -1;
    }

    private double[] thresholdsFor(double variance) {
        long key = Double.doubleToLongBits(variance);
        double[] known = thresholds.get(key);
        if (known != null) {
            return known;
        }
        if (sightings.merge(key, 1, Integer::sum) < CACHE_AFTER_SIGHTINGS) {
            return null;
        }
        double[] t = new double[table.size()];
        for (int n = 0; n < t.length; n++) {
            t[n] = meanAbsThreshold(n, variance);
        }
        thresholds.put(key, t);
        return t;
    }

    /** Smallest |mean| at which mode n meets P0 in expectation (0 if it always does). */
    private double meanAbsThreshold(int n, double variance) {
        if (ExpectedPer.of(table.mode(n), meanSnr, 0.0, variance) <= targetPer) {
            return 0.0;
        }
        double lo = 0.0;
        double hi = 1.0;
        while (ExpectedPer.of(table.mode(n), meanSnr, hi, variance) > targetPer) {
            lo = hi;
            hi *= 2;
            if (hi > 1e6) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 60 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (ExpectedPer.of(table.mode(n), meanSnr, mid, variance) > targetPer) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}

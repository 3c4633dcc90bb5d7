package io.mlsyslab.training.utilization;

/**
 * Finds by bisection (on log bandwidth) the smallest link bandwidth at which a method reaches a target compute
 * utilisation. Utilisation is non-decreasing in bandwidth (every event time is a max-plus expression of durations
 * that shrink as bandwidth grows), so bisection is exact up to its tolerance.
 */
public final class BandwidthSearch {

    /** Relative width of the final bracket. */
    public static final double TOLERANCE = 1e-4;

    private BandwidthSearch() {
    }

    /**
     * Outcome: {@code gbps} is the upper end of the final bracket (a bandwidth that reaches the target), or
     * {@code null} when even {@code maxGbps} does not; {@code atMinimum} when {@code minGbps} already does.
     */
    public record Result(Double gbps, boolean atMinimum, double utilizationAtResult, int simulations) {}

    public static Result search(ModelProfile model, SyncScheme scheme, int workers, double target, double minGbps,
                                double maxGbps) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("targetUtilization: must be in (0, 1), got " + target);
        }
        if (!(minGbps > 0 && maxGbps > minGbps)) {
            throw new IllegalArgumentException("maxGbps: must exceed minGbps > 0");
        }
        int sims = 0;
        double hi = maxGbps;
        double uHi = UtilizationSimulator.utilization(model, scheme, workers, hi * 1e9);
        sims++;
        if (uHi < target) {
            return new Result(null, false, uHi, sims);
        }
        double lo = minGbps;
        double uLo = UtilizationSimulator.utilization(model, scheme, workers, lo * 1e9);
        sims++;
        if (uLo >= target) {
            return new Result(lo, true, uLo, sims);
        }
        while (hi / lo > 1 + TOLERANCE) {
            double mid = Math.sqrt(lo * hi);
            double u = UtilizationSimulator.utilization(model, scheme, workers, mid * 1e9);
            sims++;
            if (u >= target) {
                hi = mid;
                uHi = u;
            } else {
                lo = mid;
            }
        }
        return new Result(hi, false, uHi, sims);
    }
}

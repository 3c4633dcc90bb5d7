package io.mlsyslab.network.wireless.transport;

import io.mlsyslab.contract.FieldErrorException;

/**
 * The TCP throughput equation of TFRC (RFC 5348 section 3.1):
 * X = s / (R sqrt(2bp/3) + t_RTO (3 sqrt(3bp/8)) p (1 + 32 p^2)) bytes per second, with b = 1 and t_RTO = 4R as
 * recommended (and as Linux's tfrc_equation.c does).
 */
public final class TfrcEquation {

    private TfrcEquation() {
    }

    public static double rateBytesPerSecond(double segmentBytes, double rttSeconds, double lossEventRate) {
        return rateBytesPerSecond(segmentBytes, rttSeconds, lossEventRate, 1.0, 4 * rttSeconds);
    }

    public static double rateBytesPerSecond(double segmentBytes, double rttSeconds, double lossEventRate,
            double packetsPerAck, double rtoSeconds) {
        if (!(segmentBytes > 0)) {
            throw new FieldErrorException("segmentBytes", "must be > 0");
        }
        if (!(rttSeconds > 0)) {
            throw new FieldErrorException("rttSeconds", "must be > 0");
        }
        if (!(lossEventRate > 0 && lossEventRate <= 1)) {
            throw new FieldErrorException("lossEventRate", "must be in (0, 1]");
        }
        double p = lossEventRate;
        double b = packetsPerAck;
        double denominator = rttSeconds * Math.sqrt(2 * b * p / 3)
                + rtoSeconds * (3 * Math.sqrt(3 * b * p / 8)) * p * (1 + 32 * p * p);
        return segmentBytes / denominator;
    }

    /**
     * The loss event rate at which the equation gives {@code rate} (RFC 5348 section 6.3.1 seeds the loss history
     * with it); the equation decreases in p, so bisection in log p is safe.
     */
    public static double lossRateFor(double segmentBytes, double rttSeconds, double rateBytesPerSecond) {
        double lo = 1e-12;
        double hi = 1.0;
        if (rateBytesPerSecond(segmentBytes, rttSeconds, hi) >= rateBytesPerSecond) {
            return hi;
        }
        if (rateBytesPerSecond(segmentBytes, rttSeconds, lo) <= rateBytesPerSecond) {
            return lo;
        }
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (rateBytesPerSecond(segmentBytes, rttSeconds, mid) > rateBytesPerSecond) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.sqrt(lo * hi);
    }
}

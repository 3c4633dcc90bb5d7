package io.mlsyslab.network.wireless.transport;

import io.mlsyslab.contract.FieldErrorException;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The loss-interval history of a TFRC receiver (RFC 5348 section 5.4): I_0 is the open interval since the start of
 * the latest loss event, I_1..I_n the closed ones, newest first, n = 8 with weights 1, 1, 1, 1, 0.8, 0.6, 0.4, 0.2.
 * The mean is max(I_tot0, I_tot1) / W_tot, so the open interval only counts when it raises the mean, and the loss
 * event rate is its inverse.
 */
public final class LossIntervals {

    public static final double[] WEIGHTS = {1.0, 1.0, 1.0, 1.0, 0.8, 0.6, 0.4, 0.2};

    private final ArrayDeque<Double> closed = new ArrayDeque<>();

    /** Closes the open interval: {@code length} packets from the previous loss event start to this one's. */
    public void close(double length) {
        closed.addFirst(length);
        while (closed.size() > WEIGHTS.length) {
            closed.removeLast();
        }
    }

    public boolean isEmpty() {
        return closed.isEmpty();
    }

    /** Loss event rate p for the given open interval I_0, or 0 when no loss event has happened. */
    public double lossEventRate(double openInterval) {
        if (closed.isEmpty()) {
            return 0.0;
        }
        double[] intervals = new double[closed.size() + 1];
        intervals[0] = openInterval;
        int i = 1;
        for (Iterator<Double> it = closed.iterator(); it.hasNext(); ) {
            intervals[i++] = it.next();
        }
        return 1.0 / meanInterval(intervals);
    }

    /**
     * RFC 5348 section 5.4 average: {@code intervals[0]} is the open interval I_0, the rest I_1..I_k newest first
     * (k <= 8).
     */
    public static double meanInterval(double[] intervals) {
        int k = intervals.length - 1;
        if (k < 1 || k > WEIGHTS.length) {
            throw new FieldErrorException("intervals", "need 1..8 closed intervals after the open one");
        }
        double tot0 = 0;
        double tot1 = 0;
        double wTot = 0;
        for (int i = 0; i < k; i++) {
            tot0 += intervals[i] * WEIGHTS[i];
            wTot += WEIGHTS[i];
        }
        for (int i = 1; i <= k; i++) {
            tot1 += intervals[i] * WEIGHTS[i - 1];
        }
        return Math.max(tot0, tot1) / wTot;
    }
}

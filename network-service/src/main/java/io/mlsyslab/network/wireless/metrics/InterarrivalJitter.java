package io.mlsyslab.network.wireless.metrics;

/**
 * RFC 3550 section 6.4.1 interarrival jitter: D = (R_i - R_{i-1}) - (S_i - S_{i-1}), J += (|D| - J) / 16, updated in
 * arrival order. S is the packet's send timestamp.
 */
public final class InterarrivalJitter {

    private double jitter;
    private double lastSend = Double.NaN;
    private double lastArrival = Double.NaN;

    public void arrival(double sendTime, double arrivalTime) {
        if (!Double.isNaN(lastSend)) {
            double d = (arrivalTime - lastArrival) - (sendTime - lastSend);
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        lastSend = sendTime;
        lastArrival = arrivalTime;
    }

    public double jitter() {
        return jitter;
    }
}

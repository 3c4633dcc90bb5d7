package io.mlsyslab.network.wireless.csi;

/** The transmitter's belief about this slot's gain: h ~ CN(mean, variance) with |mean| = meanAbs. */
public record CsiEstimate(double meanAbs, double variance) {

    public static final CsiEstimate STATISTICS_ONLY = new CsiEstimate(0.0, 1.0);
}

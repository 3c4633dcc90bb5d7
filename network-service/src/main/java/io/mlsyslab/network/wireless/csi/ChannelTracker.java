package io.mlsyslab.network.wireless.csi;

import io.mlsyslab.contract.FieldErrorException;
import java.util.ArrayDeque;

/**
 * The transmitter's view of one user's channel. The receiver measures z_k = h_k + v_k (v ~ CN(0, R)) every slot and
 * the report arrives d slots later. A Kalman filter for the AR(1) model h_k = a h_{k-1} + w_k, w ~ CN(0, 1 - a^2)
 * absorbs each report when it arrives and is extrapolated d slots: h_hat = a^d h_filtered,
 * P = a^{2d} P_filtered + (1 - a^{2d}).
 */
public final class ChannelTracker {

    private final double a;
    private final double measurementNoise;
    private final int delaySlots;
    private final ArrayDeque<double[]> inFlight = new ArrayDeque<>();
    private double filteredRe;
    private double filteredIm;
    private double filteredVariance = 1.0;
    private double latestRe = Double.NaN;
    private double latestIm = Double.NaN;
    private boolean anyReport;

    public ChannelTracker(double lagOneCorrelation, double measurementNoise, int delaySlots) {
        if (!(measurementNoise >= 0)) {
            throw new FieldErrorException("estimationNoiseVariance", "must be >= 0");
        }
        if (delaySlots < 0) {
            throw new FieldErrorException("feedbackDelaySlots", "must be >= 0");
        }
        this.a = lagOneCorrelation;
        this.measurementNoise = measurementNoise;
        this.delaySlots = delaySlots;
    }

    /**
     * Records this slot's measurement (reported d slots later) and releases the report that arrives now. Call once
     * per slot before {@link #estimate}.
     */
    public void observe(double zRe, double zIm) {
        inFlight.addLast(new double[] {zRe, zIm});
        if (inFlight.size() > delaySlots) {
            double[] z = inFlight.removeFirst();
            absorb(z[0], z[1]);
        }
    }

    private void absorb(double zRe, double zIm) {
        double priorRe = a * filteredRe;
        double priorIm = a * filteredIm;
        double priorVariance = a * a * filteredVariance + (1 - a * a);
        double denominator = priorVariance + measurementNoise;
        double gain = denominator > 0 ? priorVariance / denominator : 1.0;
        filteredRe = priorRe + gain * (zRe - priorRe);
        filteredIm = priorIm + gain * (zIm - priorIm);
        filteredVariance = (1 - gain) * priorVariance;
        latestRe = zRe;
        latestIm = zIm;
        anyReport = true;
    }

    /** What the transmitter believes about the current slot (the one whose measurement was observed last). */
    public CsiEstimate estimate(CsiSource source, double trueRe, double trueIm) {
        return switch (source) {
            case PERFECT -> new CsiEstimate(Math.hypot(trueRe, trueIm), 0.0);
            case STATISTICAL -> CsiEstimate.STATISTICS_ONLY;
            case DELAYED -> anyReport ? new CsiEstimate(Math.hypot(latestRe, latestIm), 0.0) : CsiEstimate.STATISTICS_ONLY;
            case PREDICTED -> predicted();
        };
    }

    private CsiEstimate predicted() {
        if (!anyReport) {
            return CsiEstimate.STATISTICS_ONLY;
        }
        double ad = Math.pow(a, delaySlots);
        double variance = ad * ad * filteredVariance + (1 - ad * ad);
        return new CsiEstimate(Math.abs(ad) * Math.hypot(filteredRe, filteredIm), Math.max(0.0, variance));
    }
}

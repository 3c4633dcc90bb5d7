package io.mlsyslab.network.wireless.csi;

/** What the transmitter knows about the current slot's channel when it picks a mode. */
public enum CsiSource {
    /** Genie: the true gain of the slot (an upper bound, not a real scheme). */
    PERFECT,
    /** The latest report, d slots old and noisy, used as if it were the current channel. */
    DELAYED,
    /** AR(1) Kalman filter over the reports, extrapolated d slots ahead, with its error variance. */
    PREDICTED,
    /** Only the mean SNR (the channel statistics): the baseline that shows what channel knowledge is worth. */
    STATISTICAL
}

package io.mlsyslab.network.wireless.channel;

/**
 * A complex channel gain h_k sampled once per slot (block fading), normalised so that E|h|^2 = 1; the received SNR
 * of slot k is meanSnr * |h_k|^2.
 */
public interface FadingProcess {

    /** Moves to the next slot. */
    void advance();

    double re();

    double im();

    default double power() {
        return re() * re() + im() * im();
    }

    /** Lag-one correlation of h that a first-order predictor should assume (1 for a static channel). */
    double lagOneCorrelation();
}

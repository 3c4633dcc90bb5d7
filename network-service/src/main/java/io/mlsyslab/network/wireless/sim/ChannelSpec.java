package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.channel.FadingModel;
import io.mlsyslab.network.wireless.channel.GilbertElliottSpec;

/**
 * The radio channel of every user (independent realisations per user) and what the transmitter learns about it.
 *
 * @param gilbertElliott optional burst-erasure overlay, null for none
 * @param estimationNoiseVariance R, the variance of the receiver's channel estimate error relative to E|h|^2 = 1
 * @param feedbackDelaySlots d, slots between a measurement and its report reaching the transmitter
 */
public record ChannelSpec(FadingModel fading, double meanSnrDb, double dopplerHz, int jakesOscillators,
        GilbertElliottSpec gilbertElliott, double estimationNoiseVariance, int feedbackDelaySlots) {

    public static ChannelSpec defaults() {
        return new ChannelSpec(FadingModel.AR1, 15, 23.1, 16, null, 0.01, 2);
    }

    public ChannelSpec {
        if (fading == null) {
            throw new FieldErrorException("fading", "must not be null");
        }
        if (!(meanSnrDb >= -10 && meanSnrDb <= 50)) {
            throw new FieldErrorException("meanSnrDb", "must be in [-10, 50]");
        }
        if (!(dopplerHz >= 0 && dopplerHz <= 2000)) {
            throw new FieldErrorException("dopplerHz", "must be in [0, 2000]");
        }
        if (jakesOscillators < 4 || jakesOscillators > 256) {
            throw new FieldErrorException("jakesOscillators", "must be in [4, 256]");
        }
        if (!(estimationNoiseVariance >= 0 && estimationNoiseVariance <= 10)) {
            throw new FieldErrorException("estimationNoiseVariance", "must be in [0, 10]");
        }
        if (feedbackDelaySlots < 0 || feedbackDelaySlots > 1000) {
            throw new FieldErrorException("feedbackDelaySlots", "must be in [0, 1000]");
        }
    }

    public double meanSnrLinear() {
        return Math.pow(10, meanSnrDb / 10);
    }

    public ChannelSpec withMeanSnrDb(double db) {
        return new ChannelSpec(fading, db, dopplerHz, jakesOscillators, gilbertElliott, estimationNoiseVariance,
                feedbackDelaySlots);
    }

    public ChannelSpec withDopplerHz(double hz) {
        return new ChannelSpec(fading, meanSnrDb, hz, jakesOscillators, gilbertElliott, estimationNoiseVariance,
                feedbackDelaySlots);
    }

    public ChannelSpec withFeedbackDelaySlots(int slots) {
        return new ChannelSpec(fading, meanSnrDb, dopplerHz, jakesOscillators, gilbertElliott, estimationNoiseVariance,
                slots);
    }

    public ChannelSpec withFading(FadingModel model) {
        return new ChannelSpec(model, meanSnrDb, dopplerHz, jakesOscillators, gilbertElliott, estimationNoiseVariance,
                feedbackDelaySlots);
    }

    public ChannelSpec withEstimationNoiseVariance(double variance) {
        return new ChannelSpec(fading, meanSnrDb, dopplerHz, jakesOscillators, gilbertElliott, variance,
                feedbackDelaySlots);
    }

    public ChannelSpec withGilbertElliott(GilbertElliottSpec spec) {
        return new ChannelSpec(fading, meanSnrDb, dopplerHz, jakesOscillators, spec, estimationNoiseVariance,
                feedbackDelaySlots);
    }
}

package io.mlsyslab.network.wireless.channel;

import io.mlsyslab.network.wireless.math.BesselJ0;
import java.util.random.RandomGenerator;

/** How the per-slot gain evolves. */
public enum FadingModel {
    /** |h| = 1 every slot: the received SNR is the mean SNR. */
    STATIC,
    /** Gauss-Markov Rayleigh fading, h_k = a h_{k-1} + sqrt(1-a^2) w_k with a = J0(2 pi f_d T). */
    AR1,
    /** Sum-of-sinusoids Rayleigh fading with the Clarke/Jakes autocorrelation J0(2 pi f_d tau). */
    JAKES;

    public FadingProcess create(double dopplerHz, double slotSeconds, int oscillators, RandomGenerator rng) {
        return switch (this) {
            case STATIC -> new StaticChannel();
            case AR1 -> new Ar1RayleighFading(BesselJ0.j0(2 * Math.PI * dopplerHz * slotSeconds), rng);
            case JAKES -> new JakesFading(dopplerHz, slotSeconds, oscillators, rng);
        };
    }
}

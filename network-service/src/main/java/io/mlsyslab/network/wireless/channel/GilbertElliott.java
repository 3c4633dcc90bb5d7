package io.mlsyslab.network.wireless.channel;

import java.util.random.RandomGenerator;

/**
 * Gilbert-Elliott burst-erasure overlay: a two-state Markov chain stepped once per slot (p = P(G to B),
 * r = P(B to G)); a packet survives with probability k in G and h in B, independently of the fading SNR
 * (interference or shadowing the SNR estimate does not see). Stationary pi_B = p / (p + r), mean burst 1/r slots.
 */
public final class GilbertElliott {

    private final GilbertElliottSpec spec;
    private final RandomGenerator rng;
    private boolean bad;

    public GilbertElliott(GilbertElliottSpec spec, RandomGenerator rng) {
        this.spec = spec;
        this.rng = rng;
        this.bad = rng.nextDouble() < spec.stationaryBad();
    }

    public void advance() {
        double u = rng.nextDouble();
        bad = bad ? u >= spec.badToGood() : u < spec.goodToBad();
    }

    public boolean bad() {
        return bad;
    }

    /** Probability that a packet sent in the current slot is erased by the overlay. */
    public double erasureProbability() {
        return bad ? 1.0 - spec.successInBad() : 1.0 - spec.successInGood();
    }
}

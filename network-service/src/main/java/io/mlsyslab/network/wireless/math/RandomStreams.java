package io.mlsyslab.network.wireless.math;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Independent, reproducible random streams derived from one seed: each purpose (channel of user 3, packet errors of
 * user 3, video sizes, ...) gets its own generator, so changing one part of the model (say the retry limit) leaves
 * the channel realisation untouched (common random numbers across compared stacks).
 */
public final class RandomStreams {

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public RandomGenerator stream(String purpose, int index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h + purpose.charAt(i));
        }
        return new SplittableRandom(mix(h + 0x632BE59BD9B4E019L * (index + 1L)));
    }

    /** SplitMix64 finaliser: a bijective avalanche of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

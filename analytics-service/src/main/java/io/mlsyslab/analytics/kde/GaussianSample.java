package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;
import java.util.SplittableRandom;

/** n i.i.d. points from N(0, σ²I_d), reproducible from the seed: the generator behind {"gaussian": {...}} specs. */
public final class GaussianSample {

    private GaussianSample() {
    }

    /** Row-major n × d. */
    public static double[] generate(int n, int d, double sigma, long seed) {
        if (n < 1) {
            throw new FieldErrorException("n", "must be >= 1, got " + n);
        }
        if (d < 1) {
            throw new FieldErrorException("d", "must be >= 1, got " + d);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new FieldErrorException("sigma", "must be finite and > 0, got " + sigma);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < x.length; i++) {
            x[i] = sigma * rng.nextGaussian();
        }
        return x;
    }
}

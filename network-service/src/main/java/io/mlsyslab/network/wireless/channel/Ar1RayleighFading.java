package io.mlsyslab.network.wireless.channel;

import io.mlsyslab.contract.FieldErrorException;
import java.util.random.RandomGenerator;

/**
 * First-order Gauss-Markov Rayleigh fading: h_k = a h_{k-1} + w_k, w ~ CN(0, 1 - a^2). The lag-one correlation
 * matches Clarke's J0(2 pi f_d T) exactly; longer lags decay as a^k rather than following J0, which is the usual
 * price of the AR(1) model (and what the Kalman predictor assumes).
 */
public final class Ar1RayleighFading implements FadingProcess {

    private static final double HALF = Math.sqrt(0.5);

    private final double a;
    private final double innovation;
    private final RandomGenerator rng;
    private double re;
    private double im;

    public Ar1RayleighFading(double a, RandomGenerator rng) {
        if (!(a >= -1 && a <= 1)) {
            throw new FieldErrorException("a", "must be in [-1, 1]");
        }
        this.a = a;
        this.innovation = Math.sqrt(1 - a * a);
        this.rng = rng;
        // start in the stationary distribution CN(0, 1)
        this.re = HALF * rng.nextGaussian();
        this.im = HALF * rng.nextGaussian();
    }

    @Override
    public void advance() {
        re = a * re + innovation * HALF * rng.nextGaussian();
        im = a * im + innovation * HALF * rng.nextGaussian();
    }

    @Override
    public double re() {
        return re;
    }

    @Override
    public double im() {
        return im;
    }

    @Override
    public double lagOneCorrelation() {
        return a;
    }
}

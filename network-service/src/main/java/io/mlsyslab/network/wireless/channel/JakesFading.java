package io.mlsyslab.network.wireless.channel;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.math.BesselJ0;
import java.util.random.RandomGenerator;

/**
 * Sum-of-sinusoids Rayleigh fading in the randomised form of Zheng and Xiao (2002), a statistically sound version of
 * Jakes' generator: M oscillators at Doppler shifts f_d cos(alpha_n), alpha_n = (2 pi n - pi + theta) / (4M), with
 * random phases drawn once per waveform. Its ensemble autocorrelation is Clarke's J0(2 pi f_d tau) and E|h|^2 = 1.
 */
public final class JakesFading implements FadingProcess {

    private final double slotSeconds;
    private final double[] cosFrequency;
    private final double[] sinFrequency;
    private final double[] cosWeight;
    private final double[] sinWeight;
    private final double phiC;
    private final double phiS;
    private final double scale;
    private final double lagOne;
    private long slot;
    private double re;
    private double im;

    public JakesFading(double dopplerHz, double slotSeconds, int oscillators, RandomGenerator rng) {
        if (oscillators < 4) {
            throw new FieldErrorException("oscillators", "must be >= 4");
        }
        if (!(dopplerHz >= 0)) {
            throw new FieldErrorException("dopplerHz", "must be >= 0");
        }
        this.slotSeconds = slotSeconds;
        double omega = 2 * Math.PI * dopplerHz;
        double theta = uniformAngle(rng);
        cosFrequency = new double[oscillators];
        sinFrequency = new double[oscillators];
        cosWeight = new double[oscillators];
        sinWeight = new double[oscillators];
        for (int n = 1; n <= oscillators; n++) {
            double alpha = (2 * Math.PI * n - Math.PI + theta) / (4.0 * oscillators);
            double psi = uniformAngle(rng);
            cosFrequency[n - 1] = omega * Math.cos(alpha);
            sinFrequency[n - 1] = omega * Math.sin(alpha);
            cosWeight[n - 1] = Math.cos(psi);
            sinWeight[n - 1] = Math.sin(psi);
        }
        phiC = uniformAngle(rng);
        phiS = uniformAngle(rng);
        scale = Math.sqrt(2.0 / oscillators);
        lagOne = BesselJ0.j0(omega * slotSeconds);
        evaluate();
    }

    private static double uniformAngle(RandomGenerator rng) {
        return Math.PI * (2 * rng.nextDouble() - 1);
    }

    private void evaluate() {
        double t = slot * slotSeconds;
        double c = 0;
        double s = 0;
        for (int n = 0; n < cosFrequency.length; n++) {
            c += cosWeight[n] * Math.cos(cosFrequency[n] * t + phiC);
            s += sinWeight[n] * Math.cos(sinFrequency[n] * t + phiS);
        }
        re = scale * c;
        im = scale * s;
    }

    @Override
    public void advance() {
        slot++;
        evaluate();
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
        return lagOne;
    }
}

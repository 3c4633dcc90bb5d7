package io.mlsyslab.network.wireless.phy;

import io.mlsyslab.network.wireless.math.BesselI0;
import io.mlsyslab.network.wireless.math.GaussLegendre;

/**
 * Expected packet error rate of a mode when the channel is known only through a Gaussian prediction
 * h ~ CN(mu, P): E[min(1, a exp(-g meanSnr |h|^2))]. The amplitude r = |h| is Rician,
 * f(r) = (2r/P) exp(-(r - |mu|)^2 / P) [e^{-z} I0(z)], z = 2 |mu| r / P, so
 * E = P(r < r_p) + integral_{r_p} a e^{-s r^2} f(r) dr with s = g meanSnr and r_p the clip point sqrt(ln a / s).
 * Both pieces are integrated by Gauss-Legendre over the window where the density lives (|mu| +- 10 sqrt(P/2)),
 * the second one only until a e^{-s r^2} has fallen by e^{-30} below its clip value, so sharp decays stay resolved.
 * With P = 0 it is the plain PER fit.
 */
public final class ExpectedPer {

    private static final GaussLegendre RULE = new GaussLegendre(48);
    private static final double WINDOW_SIGMAS = 10.0;
    private static final double TAIL_EXPONENT = 30.0;

    private ExpectedPer() {
    }

    /**
     * @param meanAbs |mu|, the magnitude of the predicted gain
     * @param variance P, the prediction error variance of h (E|h - mu|^2)
     */
    public static double of(Mode mode, double meanSnrLinear, double meanAbs, double variance) {
        if (variance <= 1e-12) {
            return mode.per(meanSnrLinear * meanAbs * meanAbs);
        }
        double s = mode.g() * meanSnrLinear;
        double a = mode.a();
        double sigma = Math.sqrt(variance / 2);
        double lo = Math.max(0.0, meanAbs - WINDOW_SIGMAS * sigma);
        double hi = meanAbs + WINDOW_SIGMAS * sigma;
        double clip = Math.sqrt(Math.log(a) / s);
        double total = 0;
        if (clip > lo) {
            total += RULE.integrate(r -> rician(r, meanAbs, variance), lo, Math.min(clip, hi));
        }
        double from = Math.max(clip, lo);
        double to = Math.min(hi, Math.sqrt(clip * clip + TAIL_EXPONENT / s));
        if (to > from) {
            total += RULE.integrate(r -> a * Math.exp(-s * r * r) * rician(r, meanAbs, variance), from, to);
        }
        return Math.min(1.0, total);
    }

    static double rician(double r, double meanAbs, double variance) {
        double d = r - meanAbs;
        return 2 * r / variance * Math.exp(-d * d / variance) * BesselI0.scaled(2 * meanAbs * r / variance);
    }
}

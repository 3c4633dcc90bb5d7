package io.mlsyslab.network.wireless.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.network.wireless.math.BesselJ0;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** W3 of the digest: autocorrelation of the fading generators and Gilbert-Elliott state statistics. */
class ChannelStatisticsTest {

    private static double lagCorrelation(FadingProcess f, int samples, int lag) {
        double[] re = new double[samples];
        double[] im = new double[samples];
        for (int i = 0; i < samples; i++) {
            re[i] = f.re();
            im[i] = f.im();
            f.advance();
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i + lag < samples; i++) {
            num += re[i] * re[i + lag] + im[i] * im[i + lag];
        }
        for (int i = 0; i < samples; i++) {
            den += re[i] * re[i] + im[i] * im[i];
        }
        return (num / (samples - lag)) / (den / samples);
    }

    @Test
    void ar1LagOneCorrelationIsClarkes() {
        for (double slot : new double[] {0.002, 0.010}) {
            double expected = BesselJ0.j0(2 * Math.PI * 23.1 * slot);
            FadingProcess f = FadingModel.AR1.create(23.1, slot, 16, new SplittableRandom(1));
            assertEquals(expected, f.lagOneCorrelation(), 1e-15);
            assertEquals(expected, lagCorrelation(f, 200_000, 1), 0.02, "slot " + slot);
        }
    }

    @Test
    void jakesEnsembleAutocorrelationFollowsJ0() {
        // average over independent waveforms: 2 ms and 10 ms lags at f_d = 23.1 Hz (0.979 and 0.537 +- 0.02)
        for (int lag : new int[] {1, 5}) {
            double sum = 0;
            double power = 0;
            int waveforms = 300;
            for (int w = 0; w < waveforms; w++) {
                JakesFading f = new JakesFading(23.1, 0.002, 16, new SplittableRandom(1000 + w));
                double re0 = f.re();
                double im0 = f.im();
                power += re0 * re0 + im0 * im0;
                for (int k = 0; k < lag; k++) {
                    f.advance();
                }
                sum += re0 * f.re() + im0 * f.im();
            }
            assertEquals(1.0, power / waveforms, 0.15, "E|h|^2 = 1");
            assertEquals(BesselJ0.j0(2 * Math.PI * 23.1 * 0.002 * lag), sum / power, 0.02, "lag " + lag);
        }
    }

    @Test
    void rayleighPowerIsExponentialWithUnitMean() {
        FadingProcess f = new Ar1RayleighFading(0.0, new SplittableRandom(5));
        int n = 200_000;
        double sum = 0;
        int belowMean = 0;
        for (int i = 0; i < n; i++) {
            double p = f.power();
            sum += p;
            if (p < 1.0) {
                belowMean++;
            }
            f.advance();
        }
        assertEquals(1.0, sum / n, 0.01);
        assertEquals(1 - Math.exp(-1), belowMean / (double) n, 0.005, "P(|h|^2 < 1) of an Exp(1) variable");
    }

    @Test
    void gilbertElliottStationaryBadShareAndBurstLength() {
        GilbertElliottSpec spec = GilbertElliottSpec.gilbert(0.01, 0.1);
        assertEquals(0.01 / 0.11, spec.stationaryBad(), 1e-15);
        assertEquals(10.0, spec.meanBurstSlots(), 1e-15);
        assertEquals(spec.stationaryBad() * 0.5, spec.erasureRate(), 1e-15);
        GilbertElliott ge = new GilbertElliott(spec, new SplittableRandom(9));
        int slots = 4_000_000;
        long bad = 0;
        long bursts = 0;
        boolean previous = ge.bad();
        for (int i = 0; i < slots; i++) {
            ge.advance();
            boolean now = ge.bad();
            if (now) {
                bad++;
                if (!previous) {
                    bursts++;
                }
            }
            previous = now;
        }
        assertEquals(spec.stationaryBad(), bad / (double) slots, 0.02 * spec.stationaryBad());
        assertEquals(spec.meanBurstSlots(), bad / (double) bursts, 0.02 * spec.meanBurstSlots());
    }

    @Test
    void badParametersNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GilbertElliottSpec.gilbert(0, 0.1))
                .getMessage().startsWith("goodToBad:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new JakesFading(10, 0.002, 2,
                new SplittableRandom(1))).getMessage().startsWith("oscillators:"));
    }
}

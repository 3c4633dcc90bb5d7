package io.mlsyslab.network.wireless.csi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.network.wireless.channel.Ar1RayleighFading;
import io.mlsyslab.network.wireless.math.BesselJ0;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChannelTrackerTest {

    @Test
    void noiselessStaticChannelIsKnownExactly() {
        ChannelTracker t = new ChannelTracker(1.0, 0.0, 3);
        for (int k = 0; k < 10; k++) {
            t.observe(0.6, 0.8);
        }
        CsiEstimate e = t.estimate(CsiSource.PREDICTED, 0.6, 0.8);
        assertEquals(1.0, e.meanAbs(), 1e-15);
        assertEquals(0.0, e.variance(), 0.0);
        assertEquals(1.0, t.estimate(CsiSource.DELAYED, 0, 0).meanAbs(), 1e-15);
    }

    @Test
    void reportsArriveAfterTheFeedbackDelay() {
        ChannelTracker t = new ChannelTracker(0.9, 0.0, 2);
        t.observe(1, 0);
        t.observe(2, 0);
        assertEquals(CsiEstimate.STATISTICS_ONLY, t.estimate(CsiSource.DELAYED, 0, 0), "nothing has arrived yet");
        t.observe(3, 0);
        assertEquals(1.0, t.estimate(CsiSource.DELAYED, 0, 0).meanAbs(), 0.0, "the report of two slots ago");
        assertEquals(5.0, t.estimate(CsiSource.PERFECT, 3, 4).meanAbs(), 0.0);
        assertEquals(CsiEstimate.STATISTICS_ONLY, t.estimate(CsiSource.STATISTICAL, 3, 4));
    }

    @Test
    void kalmanPredictionBeatsTheStaleReportAndItsVarianceIsCalibrated() {
        double a = BesselJ0.j0(2 * Math.PI * 50 * 0.002);
        int delay = 4;
        double noise = 0.05;
        Ar1RayleighFading channel = new Ar1RayleighFading(a, new SplittableRandom(3));
        SplittableRandom rng = new SplittableRandom(4);
        ChannelTracker t = new ChannelTracker(a, noise, delay);
        double predictedError = 0;
        double staleError = 0;
        double truePower = 0;
        double explainedPower = 0;
        double claimedVariance = 0;
        int n = 0;
        for (int k = 0; k < 100_000; k++) {
            channel.advance();
            double s = Math.sqrt(noise / 2);
            t.observe(channel.re() + s * rng.nextGaussian(), channel.im() + s * rng.nextGaussian());
            if (k > 100) {
                CsiEstimate p = t.estimate(CsiSource.PREDICTED, channel.re(), channel.im());
                CsiEstimate d = t.estimate(CsiSource.DELAYED, channel.re(), channel.im());
                double power = channel.power();
                // the MMSE prediction of |h|^2 is |h_hat|^2 + P; the stale scheme uses the old report's power
                double predictedPower = p.meanAbs() * p.meanAbs() + p.variance();
                double stalePower = d.meanAbs() * d.meanAbs();
                predictedError += (predictedPower - power) * (predictedPower - power);
                staleError += (stalePower - power) * (stalePower - power);
                truePower += power;
                explainedPower += p.meanAbs() * p.meanAbs();
                claimedVariance += p.variance();
                n++;
            }
        }
        assertTrue(predictedError < 0.8 * staleError, "MMSE prediction vs using the old report as is");
        // orthogonality of the MMSE estimate: E|h|^2 = E|h_hat|^2 + E|h - h_hat|^2, so the claimed P is calibrated
        assertEquals(truePower / n, explainedPower / n + claimedVariance / n, 0.03);
        double ad = Math.pow(a, delay);
        assertTrue(claimedVariance / n >= 1 - ad * ad - 1e-9, "at least the innovation over d slots");
    }
}

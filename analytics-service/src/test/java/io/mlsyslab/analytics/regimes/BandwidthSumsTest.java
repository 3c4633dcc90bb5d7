package io.mlsyslab.analytics.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BandwidthSumsTest {

    @Test
    void batchedOnlineLogSumExpEqualsDirectSums() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 1037;
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = 2 + 10 * rng.nextDouble();
        }
        d2[900] = 0.5; // the nearest point arrives late: the running sums must be re-anchored
        double[] h = {0.8, 1.5, 4.0};
        BandwidthSums sums = new BandwidthSums(h);
        sums.add(d2, 0, 300);
        sums.add(d2, 300, 1);
        sums.add(d2, 301, n - 301);
        assertEquals(n, sums.count());
        assertEquals(0.5, sums.nearestSquaredDistance());
        for (int k = 0; k < h.length; k++) {
            double s1 = 0;
            double s2 = 0;
            double max = 0;
            for (double v : d2) {
                double w = Math.exp(-v / (2 * h[k] * h[k]));
                s1 += w;
                s2 += w * w;
                max = Math.max(max, w);
            }
            assertEquals(Math.log(s1), sums.logSum(k), 1e-12);
            assertEquals(Math.log(s2), sums.logSumSquares(k), 1e-12);
            assertEquals(s2 / (s1 * s1), sums.participationRatio(k), 1e-12);
            assertEquals(max / s1, sums.largestWeightShare(k), 1e-12);
        }
    }

    @Test
    void tinyBandwidthStaysFiniteAndIsCarriedByTheNearestPoint() {
        double[] d2 = {400.0, 401.0, 400.0, 650.0};
        BandwidthSums sums = new BandwidthSums(new double[] {0.01});
        sums.add(d2, 0, d2.length);
        // Every weight underflows in linear space (e^-2e6); the log-sum is exact: two tied nearest points.
        double halfLambda = 1 / (2 * 0.01 * 0.01);
        assertEquals(-halfLambda * 400 + Math.log(2), sums.logSum(0), 1e-9);
        assertEquals(0.5, sums.participationRatio(0), 1e-15);
        assertTrue(Double.isFinite(sums.logSumSquares(0)));
    }
}

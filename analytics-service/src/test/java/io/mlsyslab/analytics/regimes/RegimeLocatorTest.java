package io.mlsyslab.analytics.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegimeLocatorTest {

    @Test
    void crossingIsInterpolatedInLogH() {
        double[] h = {1, 2, 4, 8};
        double[] v = {-3, -2, 0, 0};
        // Between h = 2 (v = -2) and h = 4 (v = 0), v = -1 is half-way in ln h: h = sqrt(8).
        assertEquals(Math.sqrt(8), RegimeLocator.largestCrossingBelow(h, v, -1), 1e-12);
        assertTrue(Double.isNaN(RegimeLocator.largestCrossingBelow(h, v, -5)), "never reached");
        assertEquals(Math.sqrt(8), RegimeLocator.largestCrossingAbove(h, new double[] {3, 2, 0, 0}, 1), 1e-12);
    }

    @Test
    void parabolicMinimumIsExactForAQuadraticInLogH() {
        double[] h = new double[9];
        double[] v = new double[9];
        for (int i = 0; i < h.length; i++) {
            h[i] = 0.5 * Math.pow(1.2, i);
            double u = Math.log(h[i]) - Math.log(0.93);
            v[i] = 0.05 + 0.3 * u * u;
        }
        double[] min = RegimeLocator.minimum(h, v);
        assertEquals(0.93, min[0], 1e-12);
        assertEquals(0.05, min[1], 1e-12);
    }

    @Test
    void minimumAtTheGridEdgeIsNotExtrapolated() {
        double[] min = RegimeLocator.minimum(new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3});
        assertEquals(1, min[0]);
        assertEquals(0.1, min[1]);
    }

    @Test
    void rejectsUnsortedGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegimeLocator.minimum(new double[] {2, 1}, new double[] {0, 0}));
        assertTrue(e.getMessage().startsWith("h:"));
    }
}

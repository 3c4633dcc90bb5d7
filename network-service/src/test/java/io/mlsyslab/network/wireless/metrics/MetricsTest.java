package io.mlsyslab.network.wireless.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.network.wireless.Reference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MetricsTest {

    @Test
    void rfc3550JitterOnAHandComputedTrace() {
        // transit times 10, 12, 11, 15 ms: |D| = 2, 1, 4 ms
        InterarrivalJitter j = new InterarrivalJitter();
        double[] send = {0.000, 0.020, 0.040, 0.060};
        double[] transit = {0.010, 0.012, 0.011, 0.015};
        for (int i = 0; i < 4; i++) {
            j.arrival(send[i], send[i] + transit[i]);
        }
        double expected = 0;
        expected += (0.002 - expected) / 16;
        expected += (0.001 - expected) / 16;
        expected += (0.004 - expected) / 16;
        assertEquals(expected, j.jitter(), 1e-15);
        assertEquals(0.000_418_457, j.jitter(), 1e-9);
    }

    @Test
    void constantTransitHasNoJitter() {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int i = 0; i < 100; i++) {
            j.arrival(i * 0.01, i * 0.01 + 0.05);
        }
        assertEquals(0.0, j.jitter(), 1e-15);
    }

    @Test
    void percentilesMatchNumpyLinear() {
        JsonNode ref = Reference.get("percentiles");
        Samples s = new Samples();
        for (JsonNode v : ref.get("data")) {
            s.add(v.asDouble());
        }
        for (int i = 0; i < ref.get("q").size(); i++) {
            assertEquals(ref.get("values").get(i).asDouble(), s.quantile(ref.get("q").get(i).asDouble()), 1e-15);
        }
    }

    @Test
    void confidenceIntervalUsesStudentT() {
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4});
        assertEquals(2.5, e.mean(), 1e-15);
        double sd = Math.sqrt(5.0 / 3.0);
        assertEquals(3.182446305284263 * sd / 2, e.halfWidth95(), 1e-9);
        assertEquals(4, e.n());
        Estimate partial = Estimate.of(new double[] {Double.NaN, 7});
        assertEquals(7, partial.mean(), 0.0);
        assertTrue(Double.isNaN(partial.halfWidth95()));
        assertEquals(0, Estimate.of(new double[] {Double.NaN}).n());
    }

    @Test
    void energyPerAttempt() {
        EnergyModel m = new EnergyModel(2.0, 0.5);
        assertEquals(2.0 * 1e-3 + 0.5 * 1e-4, m.attemptJoules(1e-3, 1e-4), 1e-18);
    }
}

package io.mlsyslab.network.wireless.math;

import io.mlsyslab.nn.numerics.StudentT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlsyslab.network.wireless.Reference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NumericsTest {

    @Test
    void besselJ0MatchesScipy() {
        for (JsonNode c : Reference.get("besselJ0")) {
            double x = c.get("x").asDouble();
            assertEquals(c.get("j0").asDouble(), BesselJ0.j0(x), 1e-11, "J0(" + x + ")");
            assertEquals(BesselJ0.j0(x), BesselJ0.j0(-x), 0.0, "even function");
        }
    }

    @Test
    void clarkeCorrelationsOfTheDigest() {
        // 5 km/h at 5 GHz: f_d = 23.1 Hz; the digest quotes J0 = 0.979 at 2 ms and 0.537 at 10 ms (W3 allows
        // +-0.02); the exact value at 10 ms is 0.5388, so the digest's second figure is slightly off
        assertEquals(0.979, BesselJ0.j0(2 * Math.PI * 23.1 * 0.002), 5e-4);
        assertEquals(0.537, BesselJ0.j0(2 * Math.PI * 23.1 * 0.010), 0.002);
        assertEquals(0.5388, BesselJ0.j0(2 * Math.PI * 23.1 * 0.010), 5e-5);
    }

    @Test
    void scaledI0MatchesScipy() {
        for (JsonNode c : Reference.get("besselI0e")) {
            double x = c.get("x").asDouble();
            double expected = c.get("i0e").asDouble();
            assertEquals(expected, BesselI0.scaled(x), 3e-7 * expected, "i0e(" + x + ")");
        }
    }

    @Test
    void studentQuantilesMatchScipy() {
        for (JsonNode c : Reference.get("studentT975")) {
            int dof = c.get("dof").asInt();
            assertEquals(c.get("t").asDouble(), StudentT.quantile(0.975, dof), 1e-8, "t_0.975(" + dof + ")");
        }
        assertEquals(0.5, StudentT.cdf(0, 7), 1e-15);
        assertEquals(-StudentT.quantile(0.975, 4), StudentT.quantile(0.025, 4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 3));
    }

    @Test
    void gaussLegendreMatchesNumpyAndIntegratesPolynomialsExactly() {
        GaussLegendre rule = new GaussLegendre(48);
        JsonNode ref = Reference.get("gaussLegendre48");
        for (int i = 0; i < 48; i++) {
            assertEquals(ref.get("nodes").get(i).asDouble(), rule.node(i), 1e-14);
            assertEquals(ref.get("weights").get(i).asDouble(), rule.weight(i), 1e-14);
        }
        for (int k = 0; k <= 95; k++) {
            int power = k;
            double exact = (Math.pow(2, k + 1) - Math.pow(-1, k + 1)) / (k + 1); // integral of x^k over [-1, 2]
            assertEquals(exact, rule.integrate(x -> Math.pow(x, power), -1, 2), 1e-9 * Math.max(1, Math.abs(exact)));
        }
    }

    @Test
    void randomStreamsAreReproducibleAndDistinct() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        assertEquals(a.stream("channel", 3).nextLong(), b.stream("channel", 3).nextLong());
        long x = a.stream("channel", 3).nextLong();
        org.junit.jupiter.api.Assertions.assertNotEquals(x, a.stream("channel", 4).nextLong());
        org.junit.jupiter.api.Assertions.assertNotEquals(x, a.stream("errors", 3).nextLong());
        org.junit.jupiter.api.Assertions.assertNotEquals(x, new RandomStreams(43).stream("channel", 3).nextLong());
    }
}

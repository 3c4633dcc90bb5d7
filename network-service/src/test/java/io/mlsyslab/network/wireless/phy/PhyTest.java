package io.mlsyslab.network.wireless.phy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.network.wireless.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PhyTest {

    private static double db(double linear) {
        return 10 * Math.log10(linear);
    }

    @Test
    void thresholdsMatchTheDigestTableToOneHundredthDb() {
        // W1: gamma_p, gamma_n at P0 = 0.01 and at P0 = 0.215 (digest section 2.3 table)
        double[] floor = {-1.53, 1.09, 3.97, 7.70, 10.25, 15.98};
        double[] at001 = {1.07, 4.15, 7.18, 11.08, 13.59, 19.58};
        double[] at0215 = {-0.48, 2.37, 5.32, 9.14, 11.67, 17.53};
        double p0 = LzgAnalysis.targetPer(0.01, 2);
        assertEquals(0.2154, p0, 1e-4);
        for (int n = 0; n < 6; n++) {
            Mode m = ModeTable.LZG.mode(n);
            assertEquals(floor[n], db(m.floorSnr()), 0.005 + 1e-9, "gamma_p of mode " + (n + 1));
            assertEquals(at001[n], db(m.thresholdSnr(0.01)), 0.005 + 1e-9, "gamma_n(0.01) of mode " + (n + 1));
            assertEquals(at0215[n], db(m.thresholdSnr(p0)), 0.005 + 1e-9, "gamma_n(0.215) of mode " + (n + 1));
        }
        for (JsonNode c : Reference.get("lzgThresholdsDb")) {
            double target = c.get("p0").asDouble();
            for (int n = 0; n < 6; n++) {
                assertEquals(c.get("db").get(n).asDouble(), db(ModeTable.LZG.mode(n).thresholdSnr(target)), 1e-12);
            }
        }
    }

    @Test
    void perFitIsClippedAtOneAndMeetsTargetAtThreshold() {
        Mode m = ModeTable.LZG.mode(2);
        assertEquals(1.0, m.per(0.0), 0.0);
        assertEquals(1.0, m.per(m.floorSnr() * 0.99), 0.0);
        assertEquals(0.01, m.per(m.thresholdSnr(0.01)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Mode("bad", 1, 0.5, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.thresholdSnr(0)).getMessage()
                .startsWith("targetPer:"));
    }

    @Test
    void closedFormMatchesNumericalIntegrationAndTheDigestTable() {
        for (JsonNode c : Reference.get("lzgRayleigh")) {
            double snr = Math.pow(10, c.get("meanSnrDb").asDouble() / 10);
            int n = c.get("retryLimit").asInt();
            LzgAnalysis.Prediction p = LzgAnalysis.predict(ModeTable.LZG, snr, 0.01, n);
            assertEquals(c.get("p0").asDouble(), p.targetPer(), 1e-12);
            assertEquals(c.get("averagePer").asDouble(), p.averagePer(), 1e-9, c.toString());
            assertEquals(c.get("spectralEfficiency").asDouble(), p.spectralEfficiency(), 1e-8, c.toString());
        }
        // digest section 3 table, spot checks at its printed precision
        assertEquals(1.407, LzgAnalysis.predict(ModeTable.LZG, 10, 0.01, 0).spectralEfficiency(), 5e-4);
        assertEquals(3.581, LzgAnalysis.predict(ModeTable.LZG, 100, 0.01, 2).spectralEfficiency(), 5e-4);
        assertEquals(0.0785, LzgAnalysis.predict(ModeTable.LZG, Math.pow(10, 0.5), 0.01, 3).averagePer(), 5e-5);
    }

    @Test
    void selectionIsTheThresholdRule() {
        double snr = Math.pow(10, 12.0 / 10); // between 11.08 (mode 4) and 13.59 (mode 5) dB at 1%
        assertEquals(3, ModeTable.LZG.selectByThreshold(snr, 0.01));
        assertEquals(4, ModeTable.LZG.selectByThreshold(snr, 0.2154)); // 11.67 dB threshold of mode 5
        assertEquals(-1, ModeTable.LZG.selectByThreshold(1.0, 0.01)); // 0 dB < 1.07 dB
    }

    @Test
    void ieeeTableUsesStandardRatesAndLzgFits() {
        ModeTable t = ModeTable.named("ieee80211ag");
        assertEquals(List.of(0.5, 1.0, 1.5, 3.0, 4.5), t.modes().stream().map(Mode::bitsPerSymbol).toList());
        assertEquals(54e6, t.mode(4).bitsPerSymbol() * 48 * 250_000, 1e-6, "54 Mb/s = 4.5 b x 48 subcarriers / 4 us");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModeTable.named("lte")).getMessage()
                .startsWith("modeTable:"));
    }

    @Test
    void expectedPerMatchesNoncentralChiSquareIntegration() {
        for (JsonNode c : Reference.get("expectedPer")) {
            Mode mode = ModeTable.LZG.mode(c.get("mode").asInt());
            double snr = Math.pow(10, c.get("meanSnrDb").asDouble() / 10);
            double expected = c.get("expectedPer").asDouble();
            double actual = ExpectedPer.of(mode, snr, c.get("meanAbs").asDouble(), c.get("variance").asDouble());
            assertEquals(expected, actual, 1e-6 * expected + 1e-12, c.toString());
        }
    }

    @Test
    void expectedPerWithoutUncertaintyIsThePerFitAndGrowsWithUncertainty() {
        Mode m = ModeTable.LZG.mode(3);
        double snr = 100;
        assertEquals(m.per(snr * 0.36), ExpectedPer.of(m, snr, 0.6, 0.0), 0.0);
        double previous = ExpectedPer.of(m, snr, 1.0, 1e-4);
        for (double variance : new double[] {0.01, 0.05, 0.2, 0.5}) {
            double next = ExpectedPer.of(m, snr, 1.0, variance);
            assertTrue(next > previous, "uncertainty about a good channel can only raise the expected PER");
            previous = next;
        }
    }
}

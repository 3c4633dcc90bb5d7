package io.mlsyslab.analytics.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class RegimeTheoryTest {

    /** The digest's phase-diagram table (sigma = 1), as printed: alpha, lambda_G, h_G, h_CLT, h_var, h_KL, r_min,
     *  KL/d at h_KL, KL/d at h_G, e^-alpha, 1/sqrt(e^{2 alpha} - 1). */
    private static final double[][] DIGEST_TABLE = {
        {0.1, 0.5322, 1.3708, 1.9386, 1.6156, 1.0386, 1.0786, 0.1378, 0.2024, 0.9048, 2.1252},
        {0.25, 1.1154, 0.9468, 1.3390, 1.1113, 0.8344, 0.6962, 0.0689, 0.0837, 0.7788, 1.2416},
        {0.35, 1.5554, 0.8018, 1.1340, 0.9395, 0.7379, 0.5445, 0.0460, 0.0526, 0.7047, 0.9932},
        {0.5, 2.3513, 0.6521, 0.9223, 0.7628, 0.6224, 0.3874, 0.0259, 0.0280, 0.6065, 0.7629},
        {0.7, 3.7843, 0.5141, 0.7270, 0.6004, 0.5027, 0.2527, 0.0122, 0.0127, 0.4966, 0.5721},
        {1.0, 7.2221, 0.3721, 0.5262, 0.4341, 0.3693, 0.1364, 0.0040, 0.0040, 0.3679, 0.3956},
        {1.5, 20.0167, 0.2235, 0.3161, 0.2606, 0.2233, 0.0498, 0.0006, 0.0006, 0.2231, 0.2289},
        {2.0, 54.5715, 0.1354, 0.1914, 0.1578, 0.1353, 0.0183, 0.0001, 0.0001, 0.1353, 0.1366},
    };

    @Test
    void reproducesTheDigestPhaseDiagramToFourDecimals() {
        for (double[] row : DIGEST_TABLE) {
            RegimeThresholds t = RegimeThresholds.of(row[0], 1.0);
            double[] ours = {t.alpha(), t.lambdaG(), t.hG(), t.hClt(), t.hVar(), t.hKl(), t.rMin(), t.klPerDimAtHKl(),
                t.klPerDimAtHG(), t.scottLimit(), t.diffusionH()};
            for (int c = 1; c < row.length; c++) {
                // The table is rounded half-up to 4 decimals, so agreement means |ours - printed| <= 5e-5.
                assertEquals(row[c], ours[c], 5.0001e-5, "alpha " + row[0] + " column " + c);
            }
        }
    }

    @Test
    void matchesScipyBrentqToTenDigits() {
        for (JsonNode row : RegimeVectors.load().get("thresholds")) {
            double alpha = row.get("alpha").asDouble();
            RegimeThresholds t = RegimeThresholds.of(alpha, 1.0);
            assertRel(row.get("lambdaG").asDouble(), t.lambdaG(), 1e-11, "lambdaG at " + alpha);
            assertRel(row.get("hG").asDouble(), t.hG(), 1e-11, "hG");
            assertRel(row.get("hClt").asDouble(), t.hClt(), 1e-11, "hClt");
            assertRel(row.get("hVar").asDouble(), t.hVar(), 1e-11, "hVar");
            assertRel(row.get("hKl").asDouble(), t.hKl(), 1e-11, "hKl");
            assertRel(row.get("rMin").asDouble(), t.rMin(), 1e-11, "rMin");
            assertRel(row.get("klAtHKl").asDouble(), t.klPerDimAtHKl(), 1e-9, "klAtHKl");
            assertRel(row.get("klAtHG").asDouble(), t.klPerDimAtHG(), 1e-9, "klAtHG");
            assertRel(row.get("diffusion").asDouble(), t.diffusionH(), 1e-12, "diffusion");
        }
    }

    @Test
    void asymptoticCurvesAtHalfMatchTheDigestRowsAndScipy() {
        double alpha = 0.5;
        double hG = RegimeTheory.hG(alpha, 1);
        double[] ratios = {0.5, 0.7, 0.8, 0.9, 1.0, 1.2, 1.414, 2.0};
        double[] f1 = {-0.699, -0.137, -0.048, -0.0096, 0, 0, 0, 0};
        double[] f2 = {-2.176, -0.726, -0.422, -0.239, -0.128, -0.0245, 0, 0};
        double[] kl = {0.701, 0.145, 0.061, 0.0295, 0.0280, 0.0490, 0.0779, 0.1819};
        double[] y2 = {0.75, 0.51, 0.36, 0.19, 0, 0, 0, 0};
        for (int i = 0; i < ratios.length; i++) {
            double h = ratios[i] * hG;
            assertEquals(f1[i], RegimeTheory.f1(alpha, 1, h), halfUlpOfPrinted(f1[i]), "f1 at " + ratios[i]);
            assertEquals(f2[i], RegimeTheory.f2(alpha, 1, h), halfUlpOfPrinted(f2[i]), "f2 at " + ratios[i]);
            assertEquals(kl[i], RegimeTheory.klPerDim(alpha, 1, h), halfUlpOfPrinted(kl[i]), "KL at " + ratios[i]);
            assertEquals(y2[i], RegimeTheory.participationRatio(alpha, 1, h), 0.005 + 1e-9, "Y2 at " + ratios[i]);
        }
        for (JsonNode p : RegimeVectors.load().get("curvesAlpha05")) {
            double h = p.get("h").asDouble();
            assertEquals(p.get("f1").asDouble(), RegimeTheory.f1(alpha, 1, h), 1e-11);
            assertEquals(p.get("f2").asDouble(), RegimeTheory.f2(alpha, 1, h), 1e-11);
            assertEquals(p.get("kl").asDouble(), RegimeTheory.klPerDim(alpha, 1, h), 1e-11);
        }
    }

    @Test
    void klCurveIsContinuousAtHgAndMinimalAtHkl() {
        for (double alpha : new double[] {0.1, 0.5, 1.0}) {
            RegimeThresholds t = RegimeThresholds.of(alpha, 1);
            double below = RegimeTheory.klPerDim(alpha, 1, t.hG() * (1 - 1e-9));
            double above = RegimeTheory.klPerDim(alpha, 1, t.hG() * (1 + 1e-9));
            assertEquals(below, above, 1e-8, "KL continuous at h_G for alpha " + alpha);
            double atMin = RegimeTheory.klPerDim(alpha, 1, t.hKl());
            assertEquals(t.klPerDimAtHKl(), atMin, 1e-12);
            for (double r = 0.5; r <= 2.0; r += 0.01) {
                assertTrue(RegimeTheory.klPerDim(alpha, 1, r * t.hG()) >= atMin - 1e-12, "KL below its minimum");
            }
        }
    }

    @Test
    void thresholdsScaleWithSigma() {
        RegimeThresholds unit = RegimeThresholds.of(0.35, 1);
        RegimeThresholds scaled = RegimeThresholds.of(0.35, 2.5);
        assertRel(2.5 * unit.hG(), scaled.hG(), 1e-14, "hG");
        assertRel(2.5 * unit.hVar(), scaled.hVar(), 1e-12, "hVar");
        assertRel(2.5 * unit.hKl(), scaled.hKl(), 1e-14, "hKl");
        assertEquals(unit.klPerDimAtHKl(), scaled.klPerDimAtHKl(), 1e-14);
        assertEquals(1.0, RegimeTheory.stableIndex(0.35, 2.5, scaled.hG()), 1e-12);
        assertEquals(2.0, RegimeTheory.stableIndex(0.35, 2.5, scaled.hClt()), 1e-12);
    }

    @Test
    void orderingOfTheBandwidthsHoldsAcrossAlpha() {
        for (double alpha = 0.05; alpha <= 2.0 + 1e-9; alpha += 0.05) {
            RegimeThresholds t = RegimeThresholds.of(alpha, 1);
            assertTrue(t.scottLimit() < t.hKl() && t.hKl() < t.hG() && t.hG() < t.hVar() && t.hVar() < t.hClt(),
                    "ordering at alpha " + alpha + ": " + t);
            assertEquals(0, RegimeTheory.dominantEntropy(alpha, t.lambdaG(), 1), 1e-13);
        }
    }

    @Test
    void asymptoticLimitsInAlpha() {
        double small = 1e-4;
        assertRel(Math.pow(3 / (4 * small), 0.25), RegimeTheory.hG(small, 1), 2e-2, "small-alpha h_G");
        assertEquals(0.5 * Math.log(2), RegimeTheory.klMinPerDim(1e-6), 1e-3, "one-point estimator N(y, 2 sigma^2 I)");
        double large = 8;
        assertRel(1 / Math.sqrt(Math.expm1(2 * large)), RegimeTheory.hG(large, 1), 1e-6, "large-alpha h_G");
        assertRel(Math.exp(-large), RegimeTheory.hKl(large, 1), 1e-6, "all thresholds tend to e^-alpha");
    }

    @Test
    void finiteSizeAlphas() {
        assertEquals(0.5 - Math.log(20) / 40, RegimeTheory.heuristicEffectiveAlpha(0.5, 20), 1e-15);
        for (double alpha : new double[] {0.1, 0.5, 1.3}) {
            assertRel(alpha, RegimeTheory.alphaForNearestNeighbour(RegimeTheory.rMin(alpha)), 1e-10, "round trip");
        }
    }

    @Test
    void badInputNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegimeThresholds.of(-1, 1));
        assertTrue(e.getMessage().startsWith("alpha:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegimeThresholds.of(0.5, Double.NaN));
        assertTrue(e.getMessage().startsWith("sigma:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegimeTheory.f1(0.5, 1, 0));
        assertTrue(e.getMessage().startsWith("h:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegimeTheory.alphaForNearestNeighbour(3));
        assertTrue(e.getMessage().startsWith("rMin:"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.3, 3, 20})
    void entropyChangesSignOnceAtLambdaG(double alpha) {
        double lg = RegimeTheory.lambdaG(alpha);
        assertTrue(RegimeTheory.dominantEntropy(alpha, lg * 0.999, 1) > 0);
        assertTrue(RegimeTheory.dominantEntropy(alpha, lg * 1.001, 1) < 0);
    }

    private static double halfUlpOfPrinted(double printed) {
        String s = Double.toString(Math.abs(printed));
        int decimals = printed == 0 ? 4 : s.length() - s.indexOf('.') - 1;
        return 0.5 * Math.pow(10, -decimals) + 1e-12;
    }

    static void assertRel(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what);
    }
}

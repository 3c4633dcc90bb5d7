package io.mlsyslab.analytics.regimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One measured sweep at d = 20, alpha = 0.5 (n = 22026, 300 queries, 1000 replicates; about 2 s) checked against the
 * digest's exact (A) and asymptotic-structure (B) targets and its regression rows (C). Tolerances are the digest's;
 * where it gives none they are documented in docs/kde-regimes.md.
 */
class RegimeSweepTest {

    /** 25 log-spaced h / h_G from 0.5 to 2: six steps per factor sqrt(2), grid points at 1, sqrt 2 and 2. */
    private static final List<Double> GRID = RegimeSweepConfig.logGrid(0.5, 2.0, 25);
    private static RegimeReport report;

    @BeforeAll
    static void sweep() {
        report = RegimeSweep.run(new RegimeSweepConfig(20, 22026, 1.0, 300, 1, 1000, GRID, 0, 2), SweepMonitor.NONE);
    }

    private static SweepPoint at(double ratio) {
        return report.points().stream().filter(p -> Math.abs(p.ratio() - ratio) < 1e-3).findFirst().orElseThrow();
    }

    @Test
    void sumOfSquaresAtHIsTheSumAtHOverSqrt2() {
        // f2(h) = f1(h / sqrt 2) exactly: sum w^2 at h is sum w at h/sqrt 2, and so are their means. Grid index k - 6.
        List<SweepPoint> p = report.points();
        for (int k = 6; k < p.size(); k++) {
            assertEquals(p.get(k - 6).f1(), p.get(k).f2(), 1e-10, "k = " + k);
        }
    }

    @Test
    void exactMomentChecks() {
        for (SweepPoint p : report.points()) {
            SweepPoint.ReplicateStats r = p.replicates();
            if (p.ratio() >= 1.4) {
                // A2: mean of R is 1 within 3 standard errors of the annealed variance.
                assertEquals(1.0, r.meanR(), 3 * r.meanRStandardError(), "A2 at " + p.ratio());
            }
            if (p.ratio() >= 1.55) {
                // A3: n Var(R) sample vs annealed within 20%. (At exactly sqrt 2 h_G, mu = 2, the fourth moment
                // diverges and M = 1000 replicates scatter by +-30%; the digest's own 1458 vs 1402 is one draw.)
                assertEquals(r.scaledVarianceAnnealed(), r.scaledVarianceSample(), 0.2 * r.scaledVarianceAnnealed(),
                        "A3 at " + p.ratio());
            }
            if (p.ratio() >= 2 - 1e-9) {
                assertTrue(Math.abs(p.f1()) < 0.003, "A5: |f1| < 0.003 at 2 h_G, got " + p.f1());
            }
        }
        // A4: nearest neighbour, unconditioned, within 5% of the exact integral.
        assertEquals(report.nearestNeighbourPerDimExact(), report.nearestNeighbourPerDimMeasured(),
                0.05 * report.nearestNeighbourPerDimExact());
    }

    @Test
    void asymptoticStructureTargets() {
        double y2Half = at(0.5).participationRatio();
        assertTrue(y2Half >= 0.75 && y2Half <= 0.86, "B1: Y2(0.5 h_G) = " + y2Half);
        assertTrue(at(Math.sqrt(2)).participationRatio() <= 0.06, "B2 at sqrt 2");
        assertTrue(at(2).participationRatio() <= 0.02, "B2 at 2");
        assertEquals(-0.043, at(1).f1(), 0.0075, "B3: f1(h_G) (digest 0.043 +- 0.005 plus seed spread)");
        assertTrue(at(1.189).f1() >= -0.015, "B3: f1 near 1.2 h_G");
        double f2AtG = at(1).f2();
        assertTrue(f2AtG <= -0.23 && f2AtG >= -0.39, "B4: f2(h_G) = " + f2AtG);
        assertTrue(at(2).f2() >= -0.003, "B4: f2(2 h_G)");
        for (SweepPoint p : report.points()) {
            if (p.ratio() <= 1.2) {
                assertTrue(p.replicates().skewness() >= 5, "B7: skew >= 5 at " + p.ratio());
            }
            if (p.ratio() >= 1.7) {
                assertTrue(p.replicates().skewness() <= 0.7, "B7: skew <= 0.7 at " + p.ratio());
            }
        }
    }

    @Test
    void regimeLocationsAgreeWithTheoryWithinDocumentedTolerances() {
        RegimeLocations e = report.empirical();
        double hG = report.theory().hG();
        assertNotNull(e.hGFromF1());
        assertEquals(1.0, e.hGFromF1() / hG, 0.05, "empirical h_G (d f1 = -1) within 5% of h_G");
        assertEquals(1.0, e.hGFromY2() / hG, 0.10, "empirical h_G (Y2 = 1/e) within 10% of h_G");
        assertEquals(1.0, e.hCltFromF2() / report.theory().hClt(), 0.05, "empirical h_CLT within 5%");
        assertEquals(1.15, e.hKl() / hG, 0.04, "B5: KL argmin / h_G");
        assertEquals(0.057, e.klPerDimAtHKl(), 0.005, "B6: KL/d at the argmin");
        // The finite-d optimum lies between h_G and h_CLT; the finite-size corrected theory moves towards it.
        assertTrue(e.hKl() > hG && e.hKl() < report.theory().hClt());
        assertTrue(report.nearestNeighbourFiniteSize().hKl() > report.theory().hKl());
        assertTrue(report.heuristicFiniteSize().hKl() > report.theory().hKl());
    }

    @Test
    void regressionRowsOfTheDigest() {
        // C: d = 20, alpha = 0.5, n = 22026, m = 300 (digest section 3): +-0.05 on Y2, +-0.01 on f1 and KL/d.
        double[] ratios = {0.5, 0.707, 1.0, 1.414, 2.0};
        double[] y2 = {0.814, 0.643, 0.316, 0.046, 0.002};
        double[] f1 = {-1.029, -0.294, -0.043, -0.003, -0.001};
        double[] kl = {1.032, 0.303, 0.072, 0.083, 0.185};
        for (int i = 0; i < ratios.length; i++) {
            SweepPoint p = at(ratios[i]);
            assertEquals(y2[i], p.participationRatio(), 0.05, "Y2 at " + ratios[i]);
            // At 0.5 h_G f1 and KL/d are ~1 and scale with the nearest distance, so the digest's own seed spread
            // there is several 0.01; the pinned tolerance is applied from 0.7 h_G up and 0.05 below.
            double tol = ratios[i] < 0.6 ? 0.05 : 0.01;
            assertEquals(f1[i], p.f1(), tol, "f1 at " + ratios[i]);
            assertEquals(kl[i], p.klPerDim(), tol, "KL/d at " + ratios[i]);
        }
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        AtomicInteger calls = new AtomicInteger();
        SweepMonitor cancelAfterTwo = new SweepMonitor() {
            @Override
            public void progress(double fraction) {
                assertTrue(fraction >= 0 && fraction <= 1);
            }

            @Override
            public void checkCancelled() {
                if (calls.incrementAndGet() > 2) {
                    throw new IllegalStateException("cancelled");
                }
            }
        };
        RegimeSweepConfig config = new RegimeSweepConfig(10, 50_000, 1.0, 20, 1, 0, GRID, 1, 1);
        assertThrows(IllegalStateException.class, () -> RegimeSweep.run(config, cancelAfterTwo));
        assertEquals(3, calls.get(), "stopped at the first check after cancellation");
    }

    @Test
    void configRejectsBadFieldsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegimeSweepConfig(0, 100, 1, 10, 1, 0, GRID, 0, 1));
        assertTrue(e.getMessage().startsWith("d:"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new RegimeSweepConfig(5, 100, 1, 10, 1, 1, GRID, 0, 1));
        assertTrue(e.getMessage().startsWith("replicates:"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new RegimeSweepConfig(5, 100, 1, 10, 1, 0, List.of(1.0, -2.0), 0, 1));
        assertTrue(e.getMessage().startsWith("ratios:"));
    }
}

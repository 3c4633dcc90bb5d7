package io.mlsyslab.analytics.regimes;

import static io.mlsyslab.analytics.regimes.RegimeTheoryTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Exact finite-d formulas against Monte Carlo (within 4 standard errors) and against SciPy vectors. */
class ExactMomentsTest {

    private static final double Z = 4.0;

    @Test
    void weightMomentsMatchMonteCarloOverExplicitVectors() {
        int d = 6;
        double sigma = 1.3;
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[d];
        double x2 = 0;
        for (int k = 0; k < d; k++) {
            x[k] = sigma * rng.nextGaussian();
            x2 += x[k] * x[k];
        }
        int samples = 200_000;
        for (double h : new double[] {0.7, 1.5, 3.0}) {
            double[] w = new double[samples];
            double[] w2 = new double[samples];
            for (int i = 0; i < samples; i++) {
                double dist2 = 0;
                for (int k = 0; k < d; k++) {
                    double c = x[k] - sigma * rng.nextGaussian();
                    dist2 += c * c;
                }
                w[i] = Math.exp(-dist2 / (2 * h * h));
                w2[i] = w[i] * w[i];
            }
            SampleStats sw = SampleStats.of(w);
            SampleStats sw2 = SampleStats.of(w2);
            double ew = Math.exp(KernelWeightMoments.logMeanWeight(d, sigma, h, x2));
            double ew2 = Math.exp(KernelWeightMoments.logMeanSquaredWeight(d, sigma, h, x2));
            assertEquals(ew, sw.mean(), Z * sw.standardError(), "E w at h " + h);
            assertEquals(ew2, sw2.mean(), Z * sw2.standardError(), "E w^2 at h " + h);
            // E rho_hat = (2 pi h^2)^{-d/2} E w, and Var rho_hat for n = 1 is (2 pi h^2)^{-d} Var w.
            assertRel(Math.exp(KernelWeightMoments.logMeanDensity(d, sigma, h, x2)),
                    Math.pow(2 * Math.PI * h * h, -d / 2.0) * ew, 1e-12, "E rho_hat identity");
            double varW = Math.exp(KernelWeightMoments.logDensityVariance(d, 1, sigma, h, x2))
                    * Math.pow(2 * Math.PI * h * h, d);
            // (w - E w)^2 is an unbiased sample of Var w; its own standard error bounds the comparison.
            double[] sq = new double[samples];
            for (int i = 0; i < samples; i++) {
                sq[i] = (w[i] - ew) * (w[i] - ew);
            }
            SampleStats ssq = SampleStats.of(sq);
            assertEquals(varW, ssq.mean(), Z * ssq.standardError(), "Var w at h " + h);
        }
    }

    @Test
    void noncentralChiSquareCdfMatchesScipy() {
        for (JsonNode c : RegimeVectors.load().get("ncx2")) {
            NoncentralChiSquared law = new NoncentralChiSquared(c.get("k").asDouble(), c.get("nc").asDouble());
            assertRel(c.get("cdf").asDouble(), law.cdf(c.get("x").asDouble()), 1e-10, "ncx2 " + c);
        }
    }

    @Test
    void noncentralChiSquareSamplerHasTheLawOfTheCdf() {
        NoncentralChiSquared law = new NoncentralChiSquared(20, 20);
        SplittableRandom rng = new SplittableRandom(5);
        int samples = 400_000;
        double[] v = new double[samples];
        int[] below = new int[3];
        double[] cuts = {25, 40, 55};
        for (int i = 0; i < samples; i++) {
            v[i] = law.sample(rng);
            for (int c = 0; c < cuts.length; c++) {
                below[c] += v[i] <= cuts[c] ? 1 : 0;
            }
        }
        SampleStats s = SampleStats.of(v);
        assertEquals(law.mean(), s.mean(), Z * s.standardError());
        assertEquals(law.variance(), s.variance(), 0.02 * law.variance());
        for (int c = 0; c < cuts.length; c++) {
            double p = law.cdf(cuts[c]);
            assertEquals(p, below[c] / (double) samples, Z * Math.sqrt(p * (1 - p) / samples), "CDF at " + cuts[c]);
        }
        // The sampled distances reproduce the exact weight moment too (what the replicate study relies on). At an h
        // well above h_var the weight's relative variance is small, so the CLT bound is honest.
        double h = 1.5;
        double[] w = new double[samples];
        for (int i = 0; i < samples; i++) {
            w[i] = Math.exp(-v[i] / (2 * h * h));
        }
        SampleStats sw = SampleStats.of(w);
        assertEquals(Math.exp(KernelWeightMoments.logMeanWeight(20, 1, h, 20)), sw.mean(), Z * sw.standardError());
    }

    @Test
    void gammaSamplerMomentsForSmallAndLargeShape() {
        SplittableRandom rng = new SplittableRandom(9);
        for (double shape : new double[] {0.5, 2.5, 19.5}) {
            double[] v = new double[200_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = NoncentralChiSquared.sampleGamma(rng, shape);
            }
            SampleStats s = SampleStats.of(v);
            assertEquals(shape, s.mean(), Z * s.standardError(), "Gamma mean at shape " + shape);
            assertEquals(shape, s.variance(), 0.03 * shape, "Gamma variance at shape " + shape);
        }
    }

    @Test
    void nearestNeighbourMeanMatchesScipyIntegral() {
        JsonNode v = RegimeVectors.load();
        for (JsonNode c : v.get("nearestNeighbour")) {
            double ours = NearestNeighbourLaw.meanPerDim(c.get("n").asLong(), c.get("d").asInt(), c.get("nc").asDouble());
            assertRel(c.get("meanPerDim").asDouble(), ours, 1e-7, "E D2min/d " + c);
        }
        for (JsonNode c : v.get("nearestNeighbourOverQueries")) {
            double ours = NearestNeighbourLaw.meanPerDimOverQueries(c.get("n").asLong(), c.get("d").asInt());
            assertRel(c.get("meanPerDim").asDouble(), ours, 1e-6, "over queries " + c);
        }
    }

    @Test
    void nearestNeighbourMeanMatchesMonteCarloMinimum() {
        // Digest A4 at d = 20, alpha = 0.5, conditioned on |x|^2 = d: exact integral vs simulated minima.
        int d = 20;
        int n = 22026;
        NoncentralChiSquared law = new NoncentralChiSquared(d, d);
        SplittableRandom rng = new SplittableRandom(3);
        double[] minima = new double[400];
        for (int r = 0; r < minima.length; r++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, law.sample(rng));
            }
            minima[r] = min / d;
        }
        SampleStats s = SampleStats.of(minima);
        double exact = NearestNeighbourLaw.meanPerDim(n, d, d);
        assertEquals(exact, s.mean(), Z * s.standardError());
        assertEquals(exact, s.mean(), 0.03 * exact, "digest A4: within 3% conditioned on |x|^2");
    }

    @Test
    void scaledRelativeVarianceIsTheAnnealedFormula() {
        int d = 20;
        double h = 2 * RegimeTheory.hG(0.5, 1);
        double direct = Math.exp(KernelWeightMoments.logMeanSquaredWeight(d, 1, h, d)
                - 2 * KernelWeightMoments.logMeanWeight(d, 1, h, d)) - 1;
        assertRel(direct, Math.exp(KernelWeightMoments.logScaledRelativeVariance(d, 1, h, d)), 1e-12, "n Var R");
        assertEquals(31.3, direct, 0.05, "digest: n Var(R) at 2 h_G, d = 20 is 31.3");
    }

    @Test
    void badInputNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelWeightMoments.logMeanWeight(0, 1, 1, 1));
        assertTrue(e.getMessage().startsWith("d:"));
        e = assertThrows(IllegalArgumentException.class, () -> new NoncentralChiSquared(3, -1));
        assertTrue(e.getMessage().startsWith("nc:"));
        e = assertThrows(IllegalArgumentException.class, () -> KernelWeightMoments.logMeanWeight(3, 1, 1, -2));
        assertTrue(e.getMessage().startsWith("queryNormSquared:"));
    }
}

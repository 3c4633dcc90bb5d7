package io.mlsyslab.analytics.kde;

import io.mlsyslab.nn.numerics.SpecialFunctions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Invariants and numerical stability that need no external reference. */
class KernelDensityPropertiesTest {

    private static double[] normal(long seed, int count, double sigma) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[count];
        for (int i = 0; i < x.length; i++) {
            x[i] = sigma * rnd.nextGaussian();
        }
        return x;
    }

    @Test
    void tinyBandwidthGivesTheNearestPointsGaussianNotMinusInfinity() {
        int n = 200;
        int d = 10;
        double[] data = normal(1, n * d, 1);
        double h = 1e-6;
        double[] query = normal(2, d, 1);
        KernelDensity kde = KernelDensity.fit(data, n, d, new Kernel.Gaussian(), new Bandwidth.Isotropic(h), 2);
        double got = kde.logDensity(query, 1)[0];
        // at this h only the nearest point matters: ln f = -d2min/(2h^2) - ln n - (d/2) ln(2 pi h^2)
        double d2min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double t = query[k] - data[i * d + k];
                s += t * t;
            }
            d2min = Math.min(d2min, s);
        }
        double want = -d2min / (2 * h * h) - Math.log(n) - 0.5 * d * Math.log(2 * Math.PI * h * h);
        assertThat(got).isFinite().isCloseTo(want, offset(1e-9 * Math.abs(want)));
        // Student-t at the same h is finite as well
        double t = KernelDensity.fit(data, n, d, new Kernel.StudentT(3), new Bandwidth.Isotropic(h), 1)
                .logDensity(query, 1)[0];
        assertThat(t).isFinite();
    }

    @Test
    void duplicatedPointsCountTwiceAndLeaveOneOutKeepsTheTwin() {
        int d = 3;
        double[] base = normal(3, 10 * d, 1);
        double[] doubled = new double[2 * base.length];
        System.arraycopy(base, 0, doubled, 0, base.length);
        System.arraycopy(base, 0, doubled, base.length, base.length);
        Bandwidth h = new Bandwidth.Isotropic(1e-4);
        double[] once = KernelDensity.fit(base, 10, d, new Kernel.Gaussian(), h, 1).logDensity(base, 10);
        double[] twice = KernelDensity.fit(doubled, 20, d, new Kernel.Gaussian(), h, 2).logDensity(base, 10);
        for (int i = 0; i < 10; i++) {
            // same points, twice each: the average kernel is unchanged
            assertThat(twice[i]).isCloseTo(once[i], offset(1e-9 * Math.abs(once[i])));
        }
        double[] loo = KernelDensity.fit(doubled, 20, d, new Kernel.Gaussian(), h, 2).leaveOneOutLogDensities();
        // leaving y_i out still leaves its twin at distance 0: ln f = ln(1/19) + ln K(0) (+ negligible rest)
        double want = -Math.log(19) - 0.5 * d * Math.log(2 * Math.PI * 1e-8);
        for (double v : loo) {
            assertThat(v).isCloseTo(want, offset(1e-9 * Math.abs(want)));
        }
    }

    @Test
    void largeDimensionMatchesDirectLogSumExp() {
        int n = 64;
        int d = 1000;
        double[] data = normal(5, n * d, 1);
        double[] queries = normal(6, 3 * d, 1);
        double h = 0.7;
        double[] got = KernelDensity.fit(data, n, d, new Kernel.Gaussian(), new Bandwidth.Isotropic(h), 2)
                .logDensity(queries, 3);
        for (int q = 0; q < 3; q++) {
            double[] logs = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = queries[q * d + k] - data[i * d + k];
                    s += t * t;
                }
                logs[i] = -s / (2 * h * h);
                max = Math.max(max, logs[i]);
            }
            double sum = 0;
            for (double l : logs) {
                sum += Math.exp(l - max);
            }
            double want = max + Math.log(sum) - Math.log(n) - 0.5 * d * Math.log(2 * Math.PI * h * h);
            assertThat(got[q]).isFinite().isCloseTo(want, offset(1e-9 * Math.abs(want)));
        }
    }

    @Test
    void millionPointsWithFewQueriesSplitsThePointsAndMergesExactly() {
        // 8 queries are one query block, so the engine splits the 10^6 points across threads and merges the
        // partial log-sum-exps; the answer must not depend on the split
        int n = 1_000_000;
        int d = 4;
        int m = 8;
        double[] data = normal(11, n * d, 1);
        double[] queries = normal(12, m * d, 1);
        double h = 0.05;
        double[] got = KernelDensity.fit(data, n, d, new Kernel.Gaussian(), new Bandwidth.Isotropic(h), 3)
                .logDensity(queries, m);
        for (int q = 0; q < m; q++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] logs = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = queries[q * d + k] - data[i * d + k];
                    s += t * t;
                }
                logs[i] = -s / (2 * h * h);
                max = Math.max(max, logs[i]);
            }
            double sum = 0;
            for (double l : logs) {
                sum += Math.exp(l - max);
            }
            double want = max + Math.log(sum) - Math.log(n) - 0.5 * d * Math.log(2 * Math.PI * h * h);
            assertThat(got[q]).isCloseTo(want, offset(1e-9 * Math.abs(want)));
        }
    }

    @Test
    void densityIntegratesToOneInOneDimension() {
        double[] data = {-1.0, 0.2, 0.3, 2.5, 4.0};
        for (Kernel kernel : new Kernel[] {new Kernel.Gaussian(), new Kernel.Epanechnikov(), new Kernel.StudentT(4)}) {
            KernelDensity kde = KernelDensity.fit(data, 5, 1, kernel, new Bandwidth.Isotropic(0.6), 1);
            int steps = 400_000;
            double lo = -40;
            double hi = 45;
            double dx = (hi - lo) / steps;
            double[] grid = new double[steps];
            for (int i = 0; i < steps; i++) {
                grid[i] = lo + (i + 0.5) * dx;
            }
            double total = 0;
            for (double v : kde.logDensity(grid, steps)) {
                total += Math.exp(v) * dx;
            }
            // Student-t(4) tails beyond [-40, 45] hold ~1e-5 of the mass
            assertThat(total).as(kernel.name()).isCloseTo(1.0, offset(kernel instanceof Kernel.StudentT ? 1e-4 : 1e-6));
        }
    }

    @Test
    void bandwidthShapesAgreeWhenTheyDescribeTheSameMatrix() {
        int n = 150;
        int d = 4;
        double[] data = normal(7, n * d, 1.5);
        double[] queries = normal(8, 20 * d, 1.5);
        double h = 0.4;
        double[] iso = KernelDensity.fit(data, n, d, new Kernel.Epanechnikov(), new Bandwidth.Isotropic(h), 1)
                .logDensity(queries, 20);
        double[] diag = KernelDensity.fit(data, n, d, new Kernel.Epanechnikov(),
                new Bandwidth.Diagonal(new double[] {h, h, h, h}), 1).logDensity(queries, 20);
        double[] full = new double[d * d];
        for (int k = 0; k < d; k++) {
            full[k * d + k] = h * h;
        }
        double[] fullLd = KernelDensity.fit(data, n, d, new Kernel.Epanechnikov(), new Bandwidth.Full(full, d), 2)
                .logDensity(queries, 20);
        for (int i = 0; i < 20; i++) {
            if (iso[i] == Double.NEGATIVE_INFINITY) {
                assertThat(diag[i]).isEqualTo(Double.NEGATIVE_INFINITY);
                continue;
            }
            assertThat(diag[i]).isCloseTo(iso[i], offset(1e-12 * Math.abs(iso[i]) + 1e-12));
            assertThat(fullLd[i]).isCloseTo(iso[i], offset(1e-12 * Math.abs(iso[i]) + 1e-12));
        }
    }

    @Test
    void samplesHaveTheMixturesMeanAndCovariance() {
        int n = 50;
        int d = 2;
        double[] data = normal(9, n * d, 1);
        double[] mean = SampleMoments.mean(data, n, d);
        double[] dataCov = SampleMoments.covariance(data, n, d);
        double[] hMatrix = {0.5, 0.2, 0.2, 0.3};
        int count = 200_000;
        for (Kernel kernel : new Kernel[] {new Kernel.Gaussian(), new Kernel.Epanechnikov(), new Kernel.StudentT(6)}) {
            KernelDensity kde = KernelDensity.fit(data, n, d, kernel, new Bandwidth.Full(hMatrix, d), 1);
            double[] s = kde.sample(count, 42);
            double[] sm = SampleMoments.mean(s, count, d);
            double[] sc = SampleMoments.covariance(s, count, d);
            double kf = kernel.covarianceFactor(d);
            for (int a = 0; a < d; a++) {
                assertThat(sm[a]).as("%s mean %d", kernel.name(), a).isCloseTo(mean[a], offset(0.01));
                for (int b = 0; b < d; b++) {
                    // mixture covariance: biased data covariance + kernel covariance
                    double want = dataCov[a * d + b] * (n - 1) / n + kf * hMatrix[a * d + b];
                    assertThat(sc[a * d + b]).as("%s cov %d%d", kernel.name(), a, b).isCloseTo(want, offset(0.03));
                }
            }
            // same seed, same draws
            assertThat(kde.sample(10, 42)).containsExactly(java.util.Arrays.copyOf(s, 20));
        }
    }

    @Test
    void epanechnikovDrawsStayInsideTheSupport() {
        double[] data = {0, 0, 0};
        KernelDensity kde = KernelDensity.fit(data, 1, 3, new Kernel.Epanechnikov(), new Bandwidth.Isotropic(2), 1);
        double[] s = kde.sample(10_000, 3);
        for (int i = 0; i < 10_000; i++) {
            double r2 = s[3 * i] * s[3 * i] + s[3 * i + 1] * s[3 * i + 1] + s[3 * i + 2] * s[3 * i + 2];
            assertThat(r2).isLessThanOrEqualTo(4.0);
        }
    }

    @Test
    void badInputsNameTheField() {
        assertThatThrownBy(() -> new Bandwidth.Isotropic(0)).hasMessageStartingWith("bandwidth:");
        assertThatThrownBy(() -> Kernel.named("box", null)).hasMessageStartingWith("kernel:");
        assertThatThrownBy(() -> new Kernel.StudentT(-1)).hasMessageStartingWith("degreesOfFreedom:");
        assertThatThrownBy(() -> KernelDensity.fit(new double[4], 2, 2, new Kernel.Gaussian(),
                new Bandwidth.Diagonal(new double[] {1, 1, 1}), 1)).hasMessageStartingWith("bandwidth:");
        KernelDensity kde = KernelDensity.fit(new double[] {1, 2}, 2, 1, new Kernel.Gaussian(),
                new Bandwidth.Isotropic(1), 1);
        assertThatThrownBy(() -> kde.logDensity(new double[] {Double.NaN}, 1)).hasMessageStartingWith("queries:");
        assertThatThrownBy(() -> kde.logDensity(new double[3], 2)).hasMessageStartingWith("queries:");
    }

    @Test
    void logGammaMatchesKnownValues() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, offset(1e-14));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), offset(1e-14));
        assertThat(SpecialFunctions.logGamma(10)).isCloseTo(Math.log(362880), offset(1e-13));
        // ln Γ(501) = ln 500!
        double lf = 0;
        for (int k = 2; k <= 500; k++) {
            lf += Math.log(k);
        }
        assertThat(SpecialFunctions.logGamma(501)).isCloseTo(lf, offset(1e-12 * lf));
    }
}

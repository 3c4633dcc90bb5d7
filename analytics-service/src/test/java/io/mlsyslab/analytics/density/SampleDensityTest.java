package io.mlsyslab.analytics.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.analytics.kde.Kernel;
import io.mlsyslab.analytics.kde.ReferenceRule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleDensityTest {

    private static double[] normal(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller keeps the test free of any library sampler
            out[i] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return out;
    }

    private static double integral(double[] x, double[] y) {
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return sum;
    }

    @Test
    void gaussianSampleGivesAUnitMassDensityPeakingNearTheNormalPdf() {
        SampleDensity.Estimate e = SampleDensity.estimate(normal(4000, 7), new Kernel.Gaussian(),
                ReferenceRule.SILVERMAN, false, 512, 2);
        assertThat(integral(e.grid(), e.density())).isCloseTo(1.0, within(2e-3));
        assertThat(e.mode()).isCloseTo(0.0, within(0.25));
        assertThat(e.density()[indexOf(e.grid(), e.mode())]).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(0.03));
        // Silverman's factor for d = 1 is (3n/4)^(-1/5) times the sample standard deviation
        assertThat(e.bandwidth()).isCloseTo(Math.pow(3 * 4000 / 4.0, -0.2) * e.std(), within(1e-9));
        assertThat(e.mean()).isCloseTo(0.0, within(0.06));
        assertThat(e.std()).isCloseTo(1.0, within(0.05));
        assertThat(e.samples()).isEqualTo(4000);
        assertThat(e.leaveOneOutLogLikelihood()).isFinite();
    }

    @Test
    void logScaleEstimatesAPositiveSkewedSampleAndKeepsUnitMass() {
        double[] z = normal(3000, 11);
        double[] latencies = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            latencies[i] = Math.exp(3 + 0.5 * z[i]);
        }
        SampleDensity.Estimate e = SampleDensity.estimate(latencies, new Kernel.Gaussian(), ReferenceRule.SCOTT, true,
                2048, 1);
        assertThat(e.logScale()).isTrue();
        assertThat(integral(e.grid(), e.density())).isCloseTo(1.0, within(5e-3));
        // the log-normal's mode is e^(mu - sigma^2) = e^2.75
        assertThat(e.mode()).isCloseTo(Math.exp(2.75), within(2.5));
        assertThat(e.grid()[0]).isGreaterThan(0);
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] sorted = {1, 2, 4, 8};
        assertThat(SampleDensity.quantile(sorted, 0.5)).isEqualTo(3.0);
        assertThat(SampleDensity.quantile(sorted, 0.9)).isCloseTo(6.8, within(1e-12));
        assertThat(SampleDensity.quantile(sorted, 1.0)).isEqualTo(8.0);
    }

    @Test
    void samplesThatHoldNoDensityAreRejectedNamingTheField() {
        assertThatThrownBy(() -> SampleDensity.estimate(new double[] {1}, new Kernel.Gaussian(),
                ReferenceRule.SCOTT, false, 64, 1)).hasMessageStartingWith("metric:");
        assertThatThrownBy(() -> SampleDensity.estimate(new double[] {2, 2, 2}, new Kernel.Gaussian(),
                ReferenceRule.SCOTT, false, 64, 1)).hasMessageStartingWith("metric:");
        assertThatThrownBy(() -> SampleDensity.estimate(new double[] {-1, 2, 3}, new Kernel.Gaussian(),
                ReferenceRule.SCOTT, true, 64, 1)).hasMessageStartingWith("logScale:");
        assertThatThrownBy(() -> SampleDensity.estimate(new double[] {1, Double.NaN}, new Kernel.Gaussian(),
                ReferenceRule.SCOTT, false, 64, 1)).hasMessageStartingWith("metric:");
    }

    private static int indexOf(double[] grid, double x) {
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not on the grid");
    }
}

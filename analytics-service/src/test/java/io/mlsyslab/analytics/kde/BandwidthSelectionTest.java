package io.mlsyslab.analytics.kde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BandwidthSelectionTest {

    private final JsonNode cv = ReferenceVectors.load("cv_ml_gaussian_d3");
    private final double[] data = ReferenceVectors.doubles(cv.get("data"));
    private final int n = cv.get("n").asInt();
    private final int d = cv.get("d").asInt();

    @Test
    void isotropicCrossValidationFindsScipysOptimum() {
        Bandwidth.Isotropic h = (Bandwidth.Isotropic) new LikelihoodCrossValidation(
                LikelihoodCrossValidation.Shape.ISOTROPIC, 2).select(data, n, d, new Kernel.Gaussian());
        double want = cv.get("isotropicH").asDouble();
        assertThat(h.h()).isCloseTo(want, offset(1e-5 * want));
        double loo = KernelDensity.fit(data, n, d, new Kernel.Gaussian(), h, 1).leaveOneOutLogLikelihood();
        assertThat(loo).isCloseTo(cv.get("isotropicLoo").asDouble(), offset(1e-8));
    }

    @Test
    void diagonalCrossValidationMatchesStatsmodelsStyleOptimum() {
        Bandwidth.Diagonal h = (Bandwidth.Diagonal) new LikelihoodCrossValidation(
                LikelihoodCrossValidation.Shape.DIAGONAL, 2).select(data, n, d, new Kernel.Gaussian());
        double[] want = ReferenceVectors.doubles(cv.get("diagonalH"));
        for (int k = 0; k < d; k++) {
            assertThat(h.h()[k]).as("h[%d]", k).isCloseTo(want[k], offset(1e-4 * want[k]));
        }
        double loo = KernelDensity.fit(data, n, d, new Kernel.Gaussian(), h, 1).leaveOneOutLogLikelihood();
        // the optimum: no worse than SciPy's and better than the isotropic one (a strictly larger family)
        assertThat(loo).isGreaterThanOrEqualTo(cv.get("diagonalLoo").asDouble() - 1e-7);
        assertThat(loo).isGreaterThan(cv.get("isotropicLoo").asDouble());
    }

    @Test
    void referenceRuleFactorsFollowTheirFormulas() {
        assertThat(ReferenceRule.SCOTT.factor(10_000, 2)).isCloseTo(Math.pow(10_000, -1.0 / 6), offset(1e-15));
        assertThat(ReferenceRule.SILVERMAN.factor(10_000, 2)).isCloseTo(Math.pow(10_000 * 4 / 4.0, -1.0 / 6),
                offset(1e-15));
        double[] pts = {0, 0, 2, 0, 0, 2, 2, 2};
        Bandwidth.Isotropic iso = (Bandwidth.Isotropic) ReferenceRule.SCOTT_ISOTROPIC.select(pts, 4, 2, null);
        // per-coordinate variance (ddof 1) is 4/3, so sigma = sqrt(4/3)
        assertThat(iso.h()).isCloseTo(Math.pow(4, -1.0 / 6) * Math.sqrt(4.0 / 3), offset(1e-14));
    }

    @Test
    void highDimensionalRuleFeedsNDAndPooledSigmaToTheTheory() {
        SplittableRandom rnd = new SplittableRandom(4);
        int rows = 500;
        int dim = 20;
        double[] x = new double[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.0 * rnd.nextGaussian();
        }
        double[] seen = new double[3];
        Bandwidth.Isotropic h = (Bandwidth.Isotropic) new HighDimensionalRule("t", (nn, dd, sigma) -> {
            seen[0] = nn;
            seen[2] = dd;
            seen[1] = sigma;
            return 0.5 * sigma;
        }).select(x, rows, dim, new Kernel.Gaussian());
        assertThat(seen[0]).isEqualTo(rows);
        assertThat(seen[2]).isEqualTo(dim);
        assertThat(seen[1]).isCloseTo(2.0, offset(0.05));
        assertThat(h.h()).isCloseTo(0.5 * seen[1], offset(1e-15));
        assertThatThrownBy(() -> new HighDimensionalRule("t", (a, b, c) -> Double.NaN).select(x, rows, dim, null))
                .hasMessageStartingWith("bandwidth:");
    }

    @Test
    void singularCovarianceIsReportedNotComputed() {
        double[] line = {0, 0, 1, 1, 2, 2, 3, 3};
        Bandwidth h = ReferenceRule.SCOTT.select(line, 4, 2, null);
        assertThatThrownBy(() -> KernelDensity.fit(line, 4, 2, new Kernel.Gaussian(), h, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bandwidth:");
    }

    @Test
    void dataTooLargeForAFiniteCovarianceIsRejectedNamingTheBandwidth() {
        double[] huge = {1e308, -1e308, 0};
        assertThatThrownBy(() -> ReferenceRule.SCOTT.select(huge, 3, 1, new Kernel.Gaussian()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bandwidth:")
                .hasMessageContaining("not finite");
    }
}

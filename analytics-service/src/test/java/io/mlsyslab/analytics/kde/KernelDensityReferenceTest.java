package io.mlsyslab.analytics.kde;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Log-densities against SciPy / scikit-learn on committed vectors (script:
 * analytics-service/scripts/kde_reference_vectors.py): relative error at most 1e-9 (absolute below |value| = 1).
 */
class KernelDensityReferenceTest {

    static void assertClose(double[] got, double[] want, double tolerance) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            if (want[i] == Double.NEGATIVE_INFINITY) {
                assertThat(got[i]).as("index %d", i).isEqualTo(Double.NEGATIVE_INFINITY);
            } else {
                assertThat(got[i]).as("index %d", i).isFinite();
                assertThat(Math.abs(got[i] - want[i])).as("index %d: got %s want %s", i, got[i], want[i])
                        .isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(want[i])));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scipy_scott_d2", "scipy_silverman_d5", "scipy_scott_d10_offset", "sklearn_gaussian_d3",
            "sklearn_gaussian_tiny_h_d4", "sklearn_gaussian_d200", "sklearn_epanechnikov_d3",
            "sklearn_gaussian_duplicates_d6", "student_t_full_d3"})
    void logDensityMatchesReference(String name) {
        JsonNode c = ReferenceVectors.load(name);
        int n = c.get("n").asInt();
        int d = c.get("d").asInt();
        int m = c.get("m").asInt();
        double[] data = ReferenceVectors.doubles(c.get("data"));
        for (int threads : new int[] {1, 3}) {
            KernelDensity kde = KernelDensity.fit(data, n, d, ReferenceVectors.kernel(c),
                    ReferenceVectors.bandwidth(c), threads);
            double[] got = kde.logDensity(ReferenceVectors.doubles(c.get("queries")), m);
            assertClose(got, ReferenceVectors.doubles(c.get("logDensity")), 1e-9);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scipy_scott_d2", "scipy_silverman_d5", "scipy_scott_d10_offset"})
    void scipyRulesGiveScipyCovariance(String name) {
        JsonNode c = ReferenceVectors.load(name);
        int n = c.get("n").asInt();
        int d = c.get("d").asInt();
        ReferenceRule rule = c.get("rule").asString().equals("scott") ? ReferenceRule.SCOTT : ReferenceRule.SILVERMAN;
        Bandwidth.Full h = (Bandwidth.Full) rule.select(ReferenceVectors.doubles(c.get("data")), n, d,
                new Kernel.Gaussian());
        assertClose(h.matrix(), ReferenceVectors.doubles(c.get("bandwidth").get("full")), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void leaveOneOutMatchesExplicitSums() {
        JsonNode c = ReferenceVectors.load("loo_gaussian_diagonal_d4");
        int n = c.get("n").asInt();
        int d = c.get("d").asInt();
        KernelDensity kde = KernelDensity.fit(ReferenceVectors.doubles(c.get("data")), n, d, new Kernel.Gaussian(),
                ReferenceVectors.bandwidth(c), 2);
        double[] want = ReferenceVectors.doubles(c.get("looLogDensity"));
        assertClose(kde.leaveOneOutLogDensities(), want, 1e-9);
        double total = 0;
        for (double v : want) {
            total += v;
        }
        assertThat(kde.leaveOneOutLogLikelihood()).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(total)));
    }
}

package io.mlsyslab.training.utilization;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BandwidthSearchTest {

    private static final SyncSettings PAPER = SyncSettings.paper();

    @Test
    void dataParallelBandwidthInvertsTheClosedForm() {
        // link-bound data-parallel: U = T / ((L + 2) u + L c), so c = (T / U - (L + 2) u) / L and B = bits / c
        for (ModelProfile m : ModelProfile.PAPER) {
            double u = m.stepSeconds() / (3.0 * m.layers() - 1);
            double c = (m.stepSeconds() / 0.95 - (m.layers() + 2) * u) / m.layers();
            assertThat(c).isGreaterThanOrEqualTo(2 * u);
            double expectedGbps = 16 * m.parametersPerLayer() / c / 1e9;
            BandwidthSearch.Result r = BandwidthSearch.search(m, Algorithm.DATA_PARALLEL.scheme(PAPER), 2, 0.95, 0.01,
                    1e4);
            assertThat(r.gbps()).as(m.name()).isCloseTo(expectedGbps, within(expectedGbps * 2 * BandwidthSearch.TOLERANCE));
            assertThat(r.gbps()).isGreaterThanOrEqualTo(expectedGbps * (1 - 1e-9));
            assertThat(r.utilizationAtResult()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void dilocoBandwidthInvertsTheClosedForm() {
        // U = H T / ((H - 1) T + (L + 2) u + L c)
        for (ModelProfile m : ModelProfile.PAPER) {
            double t = m.stepSeconds();
            double u = t / (3.0 * m.layers() - 1);
            double c = (100 * t / 0.95 - 99 * t - (m.layers() + 2) * u) / m.layers();
            double expectedGbps = 16 * m.parametersPerLayer() / c / 1e9;
            BandwidthSearch.Result r = BandwidthSearch.search(m, Algorithm.DILOCO.scheme(PAPER), 2, 0.95, 0.01, 1e4);
            assertThat(r.gbps()).as(m.name()).isCloseTo(expectedGbps, within(expectedGbps * 2 * BandwidthSearch.TOLERANCE));
        }
    }

    @Test
    void theResultIsTheSmallestBandwidthWithinTolerance() {
        ModelProfile m = ModelProfile.PAPER.get(2);
        SyncScheme s = Algorithm.STREAMING_DILOCO_OVERLAP.scheme(PAPER);
        BandwidthSearch.Result r = BandwidthSearch.search(m, s, 2, 0.9, 0.01, 1e4);
        assertThat(UtilizationSimulator.utilization(m, s, 2, r.gbps() * 1e9)).isGreaterThanOrEqualTo(0.9);
        assertThat(UtilizationSimulator.utilization(m, s, 2, r.gbps() / (1 + 2 * BandwidthSearch.TOLERANCE) * 1e9))
                .isLessThan(0.9);
        assertThat(r.atMinimum()).isFalse();
    }

    @Test
    void reportsTargetsOutsideTheRange() {
        ModelProfile m = ModelProfile.PAPER.get(0);
        SyncScheme dp = Algorithm.DATA_PARALLEL.scheme(PAPER);
        BandwidthSearch.Result none = BandwidthSearch.search(m, dp, 2, 0.95, 0.01, 10);
        assertThat(none.gbps()).isNull();
        assertThat(none.utilizationAtResult()).isLessThan(0.95);
        BandwidthSearch.Result below = BandwidthSearch.search(m, dp, 2, 0.5, 1000, 2000);
        assertThat(below.atMinimum()).isTrue();
        assertThat(below.gbps()).isEqualTo(1000.0);
        assertThatThrownBy(() -> BandwidthSearch.search(m, dp, 2, 1.0, 0.01, 10))
                .hasMessageStartingWith("targetUtilization:");
    }
}

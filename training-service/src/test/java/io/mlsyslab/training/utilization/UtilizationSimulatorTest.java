package io.mlsyslab.training.utilization;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UtilizationSimulatorTest {

    private static final ModelProfile B1 = ModelProfile.PAPER.get(0);
    private static final SyncSettings PAPER = SyncSettings.paper();

    /** Seconds of one compute node, T / (3L - 1). */
    private static double node(ModelProfile m) {
        return m.stepSeconds() / (3.0 * m.layers() - 1);
    }

    /** Seconds of one block's reduction. */
    private static double reduce(ModelProfile m, double bits, int workers, double gbps) {
        return RingAllReduce.seconds(bits * m.parameters() / m.layers(), workers, gbps * 1e9);
    }

    @Test
    void dataParallelMatchesItsClosedFormWhenTheLinkIsTheBottleneck() {
        // link-bound (reduction c >= 2u): after the last reduction of step t, step t+1 computes forward (L nodes) and
        // block L's two backward nodes, then the link works L reductions back to back: period (L + 2) u + L c
        SyncScheme dp = Algorithm.DATA_PARALLEL.scheme(PAPER);
        for (ModelProfile m : ModelProfile.PAPER) {
            for (double gbps : new double[] {1, 30, 150}) {
                double u = node(m);
                double c = reduce(m, 16, 2, gbps);
                assertThat(c).isGreaterThanOrEqualTo(2 * u);
                double expected = m.stepSeconds() / ((m.layers() + 2) * u + m.layers() * c);
                assertThat(UtilizationSimulator.utilization(m, dp, 2, gbps * 1e9)).as(m.name() + " " + gbps)
                        .isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void dataParallelMatchesItsClosedFormWhenComputeIsTheBottleneck() {
        // compute-bound (c <= u): every reduction keeps up except the last, which delays the next forward by c
        SyncScheme dp = Algorithm.DATA_PARALLEL.scheme(PAPER);
        for (ModelProfile m : ModelProfile.PAPER) {
            for (double gbps : new double[] {2000, 10000}) {
                double c = reduce(m, 16, 2, gbps);
                assertThat(c).isLessThanOrEqualTo(node(m));
                assertThat(UtilizationSimulator.utilization(m, dp, 2, gbps * 1e9))
                        .isCloseTo(m.stepSeconds() / (m.stepSeconds() + c), within(1e-12));
            }
        }
    }

    @Test
    void dilocoMatchesItsClosedForm() {
        // one blocking full sync per H steps: H T / ((H - 1) T + (L + 2) u + L c)
        SyncScheme diloco = Algorithm.DILOCO.scheme(PAPER);
        for (ModelProfile m : ModelProfile.PAPER) {
            for (double gbps : new double[] {5, 25, 50}) {
                double u = node(m);
                double c = reduce(m, 16, 2, gbps);
                double t = m.stepSeconds();
                double expected = 100 * t / (99 * t + (m.layers() + 2) * u + m.layers() * c);
                assertThat(UtilizationSimulator.utilization(m, diloco, 2, gbps * 1e9)).as(m.name() + " " + gbps)
                        .isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void specialCasesCoincide() {
        ModelProfile m = ModelProfile.PAPER.get(1);
        for (double gbps : new double[] {0.5, 5, 50, 500}) {
            double b = gbps * 1e9;
            // DiLoCo with H = 1 is data-parallel
            assertThat(UtilizationSimulator.utilization(m, new SyncScheme(1, 0, 0, 16, FragmentLayout.STRIDED), 2, b))
                    .isEqualTo(UtilizationSimulator.utilization(m, Algorithm.DATA_PARALLEL.scheme(PAPER), 2, b));
            // Streaming DiLoCo with one fragment and no overlap is DiLoCo
            assertThat(UtilizationSimulator.utilization(m, new SyncScheme(100, 48, 0, 16, FragmentLayout.STRIDED), 2,
                    b)).isEqualTo(UtilizationSimulator.utilization(m, Algorithm.DILOCO.scheme(PAPER), 2, b));
        }
    }

    @Test
    void onlyBitsOverBandwidthMatters() {
        // 4x fewer bits at 4x less bandwidth: every duration is the same, so the utilisation is the same
        for (ModelProfile m : ModelProfile.PAPER) {
            for (double gbps : new double[] {0.3, 3, 30}) {
                double bf16 = UtilizationSimulator.utilization(m, new SyncScheme(100, 3, 1, 16,
                        FragmentLayout.STRIDED), 2, gbps * 1e9);
                double fp4 = UtilizationSimulator.utilization(m, new SyncScheme(100, 3, 1, 4, FragmentLayout.STRIDED),
                        2, gbps / 4 * 1e9);
                assertThat(fp4).isCloseTo(bf16, within(1e-12));
            }
        }
    }

    @Test
    void moreWorkersCostTheRingFactor() {
        // M = 4 sends 1.5x the bits of M = 2, so it needs 1.5x the bandwidth for the same utilisation
        SyncScheme s = Algorithm.STREAMING_DILOCO.scheme(PAPER);
        assertThat(UtilizationSimulator.utilization(B1, s, 4, 15e9))
                .isCloseTo(UtilizationSimulator.utilization(B1, s, 2, 10e9), within(1e-12));
    }

    @Test
    void utilizationIsNonDecreasingInBandwidthAndReachesOne() {
        for (ModelProfile m : ModelProfile.PAPER) {
            for (Algorithm a : Algorithm.values()) {
                SyncScheme s = a.scheme(PAPER);
                double previous = 0;
                for (int i = 0; i <= 120; i++) {
                    double gbps = 0.01 * Math.pow(10, i / 20.0);
                    double u = UtilizationSimulator.utilization(m, s, 2, gbps * 1e9);
                    assertThat(u).as(m.name() + " " + a.wireName() + " " + gbps).isBetween(0.0, 1.0)
                            .isGreaterThanOrEqualTo(previous - 1e-12);
                    previous = u;
                }
                assertThat(previous).as(m.name() + " " + a.wireName()).isGreaterThan(0.99);
                assertThat(UtilizationSimulator.utilization(m, s, 2, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void sequentialFragmentsAreSimulatedToo() {
        SyncSettings sequential = new SyncSettings(100, 3, 1, 16, 4, FragmentLayout.SEQUENTIAL, 2);
        SyncScheme s = Algorithm.STREAMING_DILOCO_OVERLAP.scheme(sequential);
        assertThat(s.fragmentOf(1, 24)).isZero();
        assertThat(s.fragmentOf(4, 24)).isEqualTo(1);
        assertThat(Algorithm.STREAMING_DILOCO_OVERLAP.scheme(PAPER).fragmentOf(9, 24)).isZero();
        double u = UtilizationSimulator.utilization(B1, s, 2, 9e9);
        assertThat(u).isBetween(0.5, 1.0);
    }

    @Test
    void fragmentOffsetsFollowThePaperExample() {
        // H = 100, P = 2: fragment 1 syncs at 100, 200, ...; fragment 2 at 150, 250, ... (section 2.2)
        SyncScheme s = new SyncScheme(100, 1, 0, 16, FragmentLayout.STRIDED);
        assertThat(s.fragments(2)).isEqualTo(2);
        assertThat(s.syncsAt(0, 2, 100)).isTrue();
        assertThat(s.syncsAt(0, 2, 150)).isFalse();
        assertThat(s.syncsAt(1, 2, 150)).isTrue();
        assertThat(s.syncsAt(1, 2, 250)).isTrue();
        assertThat(s.syncsAt(1, 2, 200)).isFalse();
    }

    @Test
    void rejectsBadInputsNamingTheField() {
        assertThatThrownBy(() -> UtilizationSimulator.utilization(B1, Algorithm.DILOCO.scheme(PAPER), 2, 0))
                .hasMessageStartingWith("bandwidth:");
        assertThatThrownBy(() -> new SyncScheme(10, 3, 10, 16, FragmentLayout.STRIDED))
                .hasMessageStartingWith("overlapSteps:");
        assertThatThrownBy(() -> new ModelProfile("1B", 1e9, 24, 0.1)).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> new ModelProfile("x", 1e9, 0, 0.1)).hasMessageStartingWith("layers:");
        assertThatThrownBy(() -> new SyncSettings(100, 3, 1, 16, 4, FragmentLayout.STRIDED, 1))
                .hasMessageStartingWith("workers:");
    }
}

package io.mlsyslab.training.utilization;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyRequestTest {

    private static final List<Algorithm> ALL = List.of(Algorithm.values());

    @Test
    void thePaperStudyIsWellWithinTheWorkBound() {
        double work = StudyRequest.estimatedNodeUpdates(new int[] {24, 48, 108}, ALL, 100, 1, 5, 0.01, 1e4, 61);
        assertThat(work).isLessThan(StudyRequest.MAX_NODE_UPDATES / 20);
        assertThat(StudyRequest.bisectionSimulations(0.01, 1e4)).isBetween(15, 25);
    }

    @Test
    void rejectsInconsistentRequestsNamingTheField() {
        SyncSettings s = SyncSettings.paper();
        List<ModelProfile> m = ModelProfile.PAPER;
        assertThatThrownBy(() -> new StudyRequest(List.of(m.get(0), m.get(0)), ALL, s, List.of(0.95), 0.01, 1e4, 5))
                .hasMessageStartingWith("models:");
        assertThatThrownBy(() -> new StudyRequest(m, List.of(Algorithm.DILOCO, Algorithm.DILOCO), s, List.of(0.95),
                0.01, 1e4, 5)).hasMessageStartingWith("algorithms:");
        assertThatThrownBy(() -> new StudyRequest(m, ALL, s, List.of(1.0), 0.01, 1e4, 5))
                .hasMessageStartingWith("targetUtilizations:");
        assertThatThrownBy(() -> new StudyRequest(m, ALL, s, List.of(0.95), 10, 10, 5))
                .hasMessageStartingWith("maxGbps:");
        assertThatThrownBy(() -> new StudyRequest(m, ALL, s, List.of(0.95), 0.01, 1e4, 1))
                .hasMessageStartingWith("sweepPoints:");
        SyncSettings longPeriod = new SyncSettings(10_000, 3, 1, 16, 4, FragmentLayout.STRIDED, 2);
        List<ModelProfile> deep = List.of(new ModelProfile("deep", 1e12, 1000, 10), new ModelProfile("deep2", 1e12,
                1000, 10));
        assertThatThrownBy(() -> new StudyRequest(deep, ALL, longPeriod, List.of(0.5, 0.9, 0.95, 0.99), 0.01, 1e4,
                400)).hasMessageStartingWith("period:");
    }
}

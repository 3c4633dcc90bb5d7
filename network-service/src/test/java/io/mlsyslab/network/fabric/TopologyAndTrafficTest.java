package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.topology.FailedLink;
import io.mlsyslab.network.fabric.topology.TopologyKind;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Phase;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.network.fabric.traffic.ScheduleReplay;
import io.mlsyslab.network.fabric.traffic.SyncSchedule;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyAndTrafficTest {

    @Test
    void fatTreeHasTheTextbookShape() {
        Fabric f = Fabrics.build(FabricSpec.fatTree(8, 100, 500));
        assertThat(f.hostCount()).isEqualTo(128);            // k^3 / 4
        assertThat(f.leafCount()).isEqualTo(32);             // k^2 / 2 edge switches
        assertThat(f.pathCount(0, 1)).isEqualTo(4);          // same pod: k/2 aggregation switches
        assertThat(f.pathCount(0, 4)).isEqualTo(16);         // across pods: (k/2)^2 cores
        assertThat(f.hopsBetweenLeaves(0, 4)).isEqualTo(6);
        int[] links = new int[4];
        Set<Integer> seen = new HashSet<>();
        for (int p = 0; p < 16; p++) {
            int n = f.pathLinks(0, 4, p, links);
            assertThat(n).isEqualTo(4);
            seen.add(links[1]); // agg -> core link: one per path
        }
        assertThat(seen).hasSize(16);
        // failing edge 0's link to aggregation position 1 removes the 4 paths through it
        Fabric failed = Fabrics.build(FabricSpec.fatTree(8, 100, 500)
                .withFailures(List.of(new FailedLink(0, 1, FailedLink.Tier.EDGE_AGG))));
        assertThat(failed.healthyPaths(0, 4)).hasSize(12);
        assertThat(failed.healthyPaths(4, 0)).hasSize(12);
        assertThat(failed.healthyPaths(0, 1)).hasSize(3);
    }

    @Test
    void leafSpineFailuresRemoveSpinesForBothDirections() {
        Fabric f = Fabrics.build(FabricSpec.leafSpine(4, 4, 2, 400, 0)
                .withFailures(List.of(FailedLink.leafSpine(1, 2), FailedLink.leafSpine(3, 0))));
        assertThat(f.healthyPaths(1, 3)).containsExactly(1, 3);
        assertThat(f.healthyPaths(3, 1)).containsExactly(1, 3);
        assertThat(f.healthyPaths(0, 2)).containsExactly(0, 1, 2, 3);
        assertThat(f.failedLinkCount()).isEqualTo(2);
    }

    @Test
    void badTopologiesNameTheField() {
        assertThatThrownBy(() -> Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, 4, 0, 4, 0, 400, null, null,
                0, null, List.of()))).hasMessageStartingWith("spines:");
        assertThatThrownBy(() -> Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, 4, 4, 4, 0, 0, null, null,
                0, null, List.of()))).hasMessageStartingWith("hostLinkGbps:");
        assertThatThrownBy(() -> Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, 4, 4, 4, 0, 400, 0.0, null,
                0, null, List.of()))).hasMessageStartingWith("fabricLinkGbps:");
        assertThatThrownBy(() -> Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, 4, 40, 32, 0, 400, null, null,
                0, 64, List.of()))).hasMessageStartingWith("spines:").hasMessageContaining("switchRadix");
        assertThatThrownBy(() -> Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, 80, 8, 8, 0, 400, null, null,
                0, 64, List.of()))).hasMessageStartingWith("leaves:");
        assertThatThrownBy(() -> Fabrics.build(FabricSpec.fatTree(7, 100, 0))).hasMessageStartingWith("k:");
        assertThatThrownBy(() -> Fabrics.build(FabricSpec.fatTree(4, 100, 0)
                .withFailures(List.of(new FailedLink(0, 3, FailedLink.Tier.AGG_CORE)))))
                .hasMessageStartingWith("failedLinks[0].upper:");
    }

    @Test
    void oversubscriptionDerivesTheFabricSpeed() {
        Fabric f = Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, 4, 4, 8, 0, 400, null, 2.0, 0, null,
                List.of()));
        assertThat(f.fabricCapacityBytesPerSecond()).isEqualTo(400e9 / 8);   // 8 x 400 / (4 x 2)
        assertThat(f.oversubscription()).isEqualTo(2.0);
    }

    @Test
    void collectivesHaveTheirStepCounts() {
        int[] hosts = Placement.CONTIGUOUS.hostsOf(16, 4, 4, 0);
        List<Phase> ring = Collective.RING_ALL_REDUCE.phases(hosts, 1600, 0);
        assertThat(ring.getFirst().repeat()).isEqualTo(30);            // 2(N-1)
        assertThat(ring.getFirst().flowBytes()).isEqualTo(100);         // M/N
        List<Phase> hd = Collective.HALVING_DOUBLING.phases(hosts, 1600, 0);
        assertThat(hd).hasSize(8);                                      // 2 log2 N
        assertThat(hd.stream().mapToDouble(Phase::flowBytes).sum()).isEqualTo(2 * 1600 * 15 / 16.0);
        assertThat(Collective.ALL_TO_ALL.phases(hosts, 1600, 0).getFirst().pattern().flowCount()).isEqualTo(240);
        // double binary tree: each tree sends N-1 edges up and N-1 down, M/2 each
        List<Phase> dbt = Collective.DOUBLE_BINARY_TREE.phases(hosts, 1600, 0);
        int flows = dbt.stream().mapToInt(p -> p.pattern().flowCount()).sum();
        assertThat(flows).isEqualTo(4 * 15);
        // the permutation is a bijection
        TrafficPattern perm = Collective.PERMUTATION.phases(hosts, 1, 3).getFirst().pattern();
        int[] dst = new int[perm.flowCount()];
        Arrays.setAll(dst, perm::dst);
        assertThat(Arrays.stream(dst).distinct().count()).isEqualTo(perm.flowCount());
    }

    @Test
    void placementsPutRanksWhereExpected() {
        assertThat(Placement.STRIDED.hostsOf(8, 4, 2, 0)).containsExactly(0, 2, 4, 6, 1, 3, 5, 7);
        int[] random = Placement.RANDOM.hostsOf(8, 4, 2, 9);
        assertThat(Arrays.stream(random).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThatThrownBy(() -> Placement.CONTIGUOUS.hostsOf(9, 4, 2, 0)).hasMessageStartingWith("ranks:");
    }

    @Test
    void schedulesReplayInTimeOrderAndRejectBadEvents() {
        int[] workers = Placement.CONTIGUOUS.hostsOf(4, 2, 2, 0);
        SyncSchedule s = new SyncSchedule(null, 4, List.of(
                new SyncSchedule.SyncEvent(2.0, List.of(0, 1), 1e6, "all-to-all", null),
                new SyncSchedule.SyncEvent(1.0, null, 4e6, null, "outer")));
        List<Episode> episodes = ScheduleReplay.episodes(s, workers, 1);
        assertThat(episodes).extracting(Episode::label).containsExactly("outer", "event-0");
        assertThat(episodes.getFirst().ranks()).isEqualTo(4);
        assertThat(episodes.getFirst().stepCount()).isEqualTo(6);
        assertThatThrownBy(() -> ScheduleReplay.episodes(new SyncSchedule(null, 4, List.of(
                new SyncSchedule.SyncEvent(0.0, List.of(0, 7), 1e6, null, null))), workers, 1))
                .hasMessageStartingWith("schedule.events[0].participants[1]:");
        assertThatThrownBy(() -> ScheduleReplay.episodes(new SyncSchedule(null, 4, List.of(
                new SyncSchedule.SyncEvent(0.0, null, null, null, null))), workers, 1))
                .hasMessageStartingWith("schedule.events[0].bytesPerWorker:");
        assertThatThrownBy(() -> ScheduleReplay.episodes(new SyncSchedule("other@2", 4, List.of()), workers, 1))
                .hasMessageStartingWith("schedule.format:");
    }
}

package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.analysis.FabricAnalyzer;
import io.mlsyslab.network.fabric.analysis.MaxMinFairSimulator;
import io.mlsyslab.network.fabric.routing.MinimalSplittingRouter;
import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.topology.TopologyKind;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Placement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Fluid completion times: the ring all-reduce formula (N5), max-min with recomputation, CCT ratio = MC ratio (N4). */
class CompletionTimeTest {

    private static final double LATENCY = 500e-9;

    @Test
    void ringAllReduceUnderSprayingMatchesTheFormula() {
        double m = 64.0 * (1 << 20);
        for (Placement placement : Placement.values()) {
            // 1:1, NIC-bound: B = host link
            check(FabricSpec.leafSpine(8, 8, 8, 400, 500), placement, m, 400e9 / 8);
        }
        // 2:1 oversubscribed with strided ranks: 8 flows share 4 uplinks, B = 4 * C / 8
        FabricSpec over = new FabricSpec(TopologyKind.LEAF_SPINE, 8, 4, 8, 0, 400, null, 2.0, 500, null, List.of());
        check(over, Placement.STRIDED, m, 200e9 / 8 * 4 / 8 * 2);
    }

    private static void check(FabricSpec spec, Placement placement, double m, double bottleneckBytesPerSecond) {
        Fabric fabric = Fabrics.build(spec);
        int n = fabric.hostCount();
        int[] hosts = placement.hostsOf(n, fabric.leafCount(), fabric.hostsPerLeaf(), 11);
        Episode e = new Episode("ring", 0, n, Collective.RING_ALL_REDUCE.phases(hosts, m, 0));
        AnalysisReport r = FabricAnalyzer.analyze(new AnalysisRequest(fabric, List.of(e),
                List.of(RoutingPolicy.SPRAYING), 1, 1, 1, null));
        int hops = 4; // in every placement some ring hop crosses leaves: host, leaf, spine, leaf, host
        double expected = 2.0 * (n - 1) / n * m / bottleneckBytesPerSecond + 2.0 * (n - 1) * hops * LATENCY;
        assertThat(r.policies().getFirst().cctSeconds()).as(placement.wireName())
                .isCloseTo(expected, within(expected * 1e-9));
        assertThat(r.policies().getFirst().cctMethod()).isEqualTo("max-min-fluid");
    }

    @Test
    void maxMinRecomputesRatesWhenFlowsFinish() {
        // 2 leaves x 2 spines x 2 hosts, all links C. Host 0 sends one flow to host 2 (cut in two halves), host 1 two
        // whole flows to hosts 2 and 3. Host 2's downlink holds X(1->2) and both halves at C/3; Y(1->3) gets 2C/3.
        // At t = 1.5 F/C the halves and Y finish; X has F/2 left, now alone at C: done at 2 F/C (3 F/C without
        // recomputation).
        Fabric fabric = FabricTestSupport.leafSpine(2, 2, 2);
        RoutedPattern routed = new MinimalSplittingRouter().route(fabric,
                FabricTestSupport.flows(0, 2, 1, 2, 1, 3), RoutingOptions.defaults());
        double c = fabric.hostCapacityBytesPerSecond();
        assertThat(MaxMinFairSimulator.drainSeconds(fabric, routed.flows())).isCloseTo(2 / c, within(1e-12 / c));
    }

    @Test
    void singleStepCompletionRatioEqualsCongestionRatio() {
        // N4: one lock-step step of equal flows on a 1:1 fabric: CCT_x / CCT_spray = MC_x / MC_spray (all links)
        Fabric fabric = Fabrics.build(FabricSpec.leafSpine(8, 8, 8, 400, 0));
        for (long seed = 1; seed <= 20; seed++) {
            int[] hosts = Placement.RANDOM.hostsOf(64, 8, 8, seed);
            Episode e = new Episode("perm", 0, 64, Collective.PERMUTATION.phases(hosts, 1 << 20, seed));
            AnalysisReport r = FabricAnalyzer.analyze(new AnalysisRequest(fabric, List.of(e),
                    List.of(RoutingPolicy.ECMP, RoutingPolicy.SINGLE_PATH_OPTIMAL, RoutingPolicy.MINIMAL_SPLITTING),
                    3, seed, 2, null));
            for (AnalysisReport.PolicyReport p : r.policies()) {
                assertThat(p.cctRatioToSpraying()).as(p.policy() + " seed " + seed)
                        .isCloseTo(p.allLinksRatioToSpraying(), within(1e-9 * p.allLinksRatioToSpraying()));
            }
        }
    }
}

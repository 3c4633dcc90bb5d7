package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.analysis.FabricAnalyzer;
import io.mlsyslab.network.fabric.analysis.Rational;
import io.mlsyslab.network.fabric.routing.MinimalSplittingRouter;
import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.routing.SprayingRouter;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.LeafSpineFabric;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Phase;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mlsyslab.network.fabric.FabricTestSupport.fabricMax;
import static io.mlsyslab.network.fabric.FabricTestSupport.flows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The hand-checkable unit cases of the digest (section 5). */
class HandWorkedCasesTest {

    @Test
    void twoHostsOfLeafZeroToLeafOne() {
        Fabric fabric = FabricTestSupport.leafSpine(2, 2, 2);
        // hosts 0,1 on leaf 0 send to hosts 2,3 on leaf 1
        TrafficPattern p = flows(0, 2, 1, 3);
        assertThat(fabricMax(fabric, new SprayingRouter(), p)).isEqualTo(Rational.of(1, 1));
        RoutedPattern split = new MinimalSplittingRouter().route(fabric, p, RoutingOptions.loadsOnly());
        // each host has one flow to leaf 1 over s = 2 spines: r = 1, cut into 2 halves; per link 2 halves = 1 flow
        assertThat(FabricTestSupport.fabricMax(fabric, new MinimalSplittingRouter(), p)).isEqualTo(Rational.of(1, 1));
        assertThat(split.extraSubFlows()).isEqualTo(2);
        // ECMP with a hash that sends both flows to the same spine
        long seed = seedWhereBothFlowsCollide(fabric, p);
        assertThat(fabricMax(fabric, RoutingPolicy.ECMP.router(seed, 1), p)).isEqualTo(Rational.of(2, 1));
    }

    @Test
    void etherealSendsWholeFlowsWhenSpinesDivideTheGroup() {
        Fabric fabric = FabricTestSupport.leafSpine(2, 2, 2);
        // one host with two flows to leaf 1: n = 2, s = 2, no splitting, one flow per spine
        TrafficPattern p = flows(0, 2, 0, 3);
        RoutedPattern split = new MinimalSplittingRouter().route(fabric, p, RoutingOptions.loadsOnly());
        assertThat(split.extraSubFlows()).isZero();
        LeafSpineFabric ls = (LeafSpineFabric) fabric;
        assertThat(split.linkUnits()[ls.upLink(0, 0)]).isEqualTo(split.linkUnits()[ls.upLink(0, 1)])
                .isEqualTo(split.denominator());
    }

    @Test
    void oneCrossLeafFlowOverFourSpines() {
        Fabric fabric = FabricTestSupport.leafSpine(2, 4, 4);
        TrafficPattern p = flows(0, 4);
        Rational quarter = Rational.of(1, 4);
        assertThat(fabricMax(fabric, new SprayingRouter(), p)).isEqualTo(quarter);
        assertThat(fabricMax(fabric, new MinimalSplittingRouter(), p)).isEqualTo(quarter);
        assertThat(fabricMax(fabric, RoutingPolicy.ECMP.router(1, 1), p)).isEqualTo(Rational.of(1, 1));
        RoutedPattern split = new MinimalSplittingRouter().route(fabric, p, RoutingOptions.loadsOnly());
        assertThat(split.extraSubFlows()).isEqualTo(3);

        // over all links the NIC binds: MC and CCT are F/C for every scheme
        double f = 1 << 20;
        double c = 400e9 / 8;
        Episode e = new Episode("one", 0, 2, List.of(new Phase(p, f, 1)));
        AnalysisReport report = FabricAnalyzer.analyze(new AnalysisRequest(fabric, List.of(e),
                List.of(RoutingPolicy.values()), 3, 1, 4, null));
        for (AnalysisReport.PolicyReport r : report.policies()) {
            assertThat(r.allLinksMaxCongestionSeconds()).as(r.policy()).isCloseTo(f / c, within(1e-15));
            assertThat(r.cctSeconds()).as(r.policy()).isCloseTo(f / c + 4 * 500e-9, within(1e-15));
        }
    }

    private static long seedWhereBothFlowsCollide(Fabric fabric, TrafficPattern p) {
        for (long seed = 0; seed < 1000; seed++) {
            RoutedPattern r = RoutingPolicy.ECMP.router(seed, 1).route(fabric, p, RoutingOptions.loadsOnly());
            if (io.mlsyslab.network.fabric.analysis.LinkLoads.fabricMaxFlows(fabric, r).equals(Rational.of(2, 1))) {
                return seed;
            }
        }
        throw new AssertionError("no colliding seed in 1000 draws");
    }
}

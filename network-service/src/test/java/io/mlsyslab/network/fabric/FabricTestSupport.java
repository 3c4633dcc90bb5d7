package io.mlsyslab.network.fabric;

import io.mlsyslab.network.fabric.analysis.LinkLoads;
import io.mlsyslab.network.fabric.analysis.Rational;
import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.routing.Router;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.traffic.ExplicitPattern;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/** Shared helpers for the fabric engine tests. */
public final class FabricTestSupport {

    private FabricTestSupport() {
    }

    public static Fabric leafSpine(int leaves, int spines, int hostsPerLeaf) {
        return Fabrics.build(FabricSpec.leafSpine(leaves, spines, hostsPerLeaf, 400, 500));
    }

    public static TrafficPattern flows(int... srcDst) {
        int[] s = new int[srcDst.length / 2];
        int[] d = new int[srcDst.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = srcDst[2 * i];
            d[i] = srcDst[2 * i + 1];
        }
        return new ExplicitPattern("test", s, d);
    }

    public static Rational fabricMax(Fabric fabric, Router router, TrafficPattern pattern) {
        RoutedPattern r = router.route(fabric, pattern, RoutingOptions.loadsOnly());
        return LinkLoads.fabricMaxFlows(fabric, r);
    }
}

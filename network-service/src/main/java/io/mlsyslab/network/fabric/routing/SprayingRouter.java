package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/**
 * Ideal packet spraying as a fluid: every flow is spread equally over all healthy paths between its two leaves
 * (failure-aware end-host spraying over source-routed paths). Without failures its leaf-spine loads are out(a)/S on
 * uplinks and in(b)/S on downlinks, the optimum.
 */
public final class SprayingRouter implements Router {

    @Override
    public RoutedPattern route(Fabric fabric, TrafficPattern pattern, RoutingOptions options) {
        long d = PathMath.commonDenominator(fabric, pattern, 1);
        RoutedPatternBuilder b = new RoutedPatternBuilder(fabric, d, options);
        for (int f = 0; f < pattern.flowCount(); f++) {
            int src = pattern.src(f);
            int dst = pattern.dst(f);
            int a = fabric.leafOf(src);
            int z = fabric.leafOf(dst);
            if (a == z) {
                b.pinned(src, dst, -1, d);
            } else {
                b.sprayed(src, dst, PathMath.healthy(fabric, a, z), d);
            }
        }
        return b.build(true);
    }
}

package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/**
 * Ideal packet spraying as a fluid: every flow is spread equally over all healthy paths between its two leaves
 * (failure-aware end-host spraying over source-routed paths). Without failures its leaf-spine loads are out(a)/S on
 * uplinks and in(b)/S on downlinks, the optimum.
 *
 * <p>When no flow table is kept (too many flow-path incidences to simulate) the fabric loads are computed per leaf
 * pair instead of per flow: spraying treats all flows of a pair alike, so only the pair's flow count matters.
 */
public final class SprayingRouter implements Router {

    @Override
    public RoutedPattern route(Fabric fabric, TrafficPattern pattern, RoutingOptions options) {
        long d = PathMath.commonDenominator(fabric, pattern, 1);
        long widest = 0;
        int leaves = fabric.leafCount();
        if (leaves > 1) {
            widest = Math.max(fabric.pathCount(0, 1), fabric.pathCount(0, leaves - 1));
        }
        long expected = (long) pattern.flowCount() * (2 + widest * fabric.maxPathLinks());
        RoutedPatternBuilder b = new RoutedPatternBuilder(fabric, d, options, expected);
        if (!b.recording()) {
            return aggregated(fabric, pattern, b, d);
        }
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

    private static RoutedPattern aggregated(Fabric fabric, TrafficPattern pattern, RoutedPatternBuilder b, long d) {
        int leaves = fabric.leafCount();
        long[] pairFlows = new long[leaves * leaves];
        int hops = 2;
        for (int f = 0; f < pattern.flowCount(); f++) {
            int src = pattern.src(f);
            int dst = pattern.dst(f);
            b.addUnits(fabric.hostUpLink(src), d);
            b.addUnits(fabric.hostDownLink(dst), d);
            int a = fabric.leafOf(src);
            int z = fabric.leafOf(dst);
            if (a != z) {
                pairFlows[a * leaves + z]++;
            }
        }
        int[] buf = new int[fabric.maxPathLinks()];
        for (int a = 0; a < leaves; a++) {
            for (int z = 0; z < leaves; z++) {
                long n = pairFlows[a * leaves + z];
                if (n == 0) {
                    continue;
                }
                int[] paths = PathMath.healthy(fabric, a, z);
                long per = Math.multiplyExact(n, d / paths.length);
                for (int path : paths) {
                    int k = fabric.pathLinks(a, z, path, buf);
                    for (int i = 0; i < k; i++) {
                        b.addUnits(buf[i], per);
                    }
                }
                hops = Math.max(hops, fabric.hopsBetweenLeaves(a, z));
            }
        }
        b.noteHops(hops);
        return b.build(true);
    }
}

package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/**
 * The paper's single-path transport with minimal splitting (Ethereal's rule, from the artifact's {@code sim_send}):
 * per source host and destination leaf with n flows and s healthy paths, the first n - (n mod s) flows go whole,
 * round-robin over the paths, and each of the r = n mod s leftover flows is cut into s / gcd(r, s) equal pieces that
 * continue the same round-robin. Every path then carries exactly n/s flows' worth, which is what spraying puts there.
 * The round-robin pointer belongs to the source host and starts at a host-dependent offset.
 */
public final class MinimalSplittingRouter implements Router {

    @Override
    public RoutedPattern route(Fabric fabric, TrafficPattern pattern, RoutingOptions options) {
        long d = PathMath.commonDenominator(fabric, pattern, 1);
        RoutedPatternBuilder b = new RoutedPatternBuilder(fabric, d, options,
                (long) pattern.flowCount() * (2 + fabric.maxPathLinks()));
        int flows = pattern.flowCount();
        int hosts = fabric.hostCount();
        int leaves = fabric.leafCount();
        // bucket flow ids by source host (counting sort), then inside a bucket by destination leaf
        int[] bucketStart = new int[hosts + 1];
        for (int f = 0; f < flows; f++) {
            bucketStart[pattern.src(f) + 1]++;
        }
        for (int h = 0; h < hosts; h++) {
            bucketStart[h + 1] += bucketStart[h];
        }
        int[] order = new int[flows];
        int[] fill = bucketStart.clone();
        for (int f = 0; f < flows; f++) {
            order[fill[pattern.src(f)]++] = f;
        }
        int[] leafCount = new int[leaves + 1];
        int[] leafStart = new int[leaves + 1];
        int[] byLeaf = new int[0];
        int[] groupDst = new int[0];
        for (int src = 0; src < hosts; src++) {
            int lo = bucketStart[src];
            int hi = bucketStart[src + 1];
            if (lo == hi) {
                continue;
            }
            int srcLeaf = fabric.leafOf(src);
            if (byLeaf.length < hi - lo) {
                byLeaf = new int[hi - lo];
                groupDst = new int[hi - lo];
            }
            java.util.Arrays.fill(leafCount, 0);
            for (int i = lo; i < hi; i++) {
                leafCount[fabric.leafOf(pattern.dst(order[i]))]++;
            }
            leafStart[0] = 0;
            for (int l = 0; l < leaves; l++) {
                leafStart[l + 1] = leafStart[l] + leafCount[l];
            }
            int[] leafFill = leafStart.clone();
            for (int i = lo; i < hi; i++) {
                int dst = pattern.dst(order[i]);
                byLeaf[leafFill[fabric.leafOf(dst)]++] = dst;
            }
            long pointer = Integer.toUnsignedLong(src * 0x9E3779B1);
            for (int dstLeaf = 0; dstLeaf < leaves; dstLeaf++) {
                int n = leafCount[dstLeaf];
                if (n == 0) {
                    continue;
                }
                System.arraycopy(byLeaf, leafStart[dstLeaf], groupDst, 0, n);
                if (dstLeaf == srcLeaf) {
                    for (int i = 0; i < n; i++) {
                        b.pinned(src, groupDst[i], -1, d);
                    }
                    continue;
                }
                pointer = placeGroup(b, fabric, src, groupDst, n, PathMath.healthy(fabric, srcLeaf, dstLeaf), pointer, d);
            }
        }
        return b.build(true);
    }

    private static long placeGroup(RoutedPatternBuilder b, Fabric fabric, int src, int[] dsts, int n, int[] paths,
                                   long pointer, long d) {
        int s = paths.length;
        int r = n % s;
        int whole = n - r;
        for (int i = 0; i < whole; i++) {
            b.pinned(src, dsts[i], paths[(int) (pointer++ % s)], d);
        }
        if (r > 0) {
            int g = (int) PathMath.gcd(r, s);
            int pieces = s / g;
            long pieceUnits = d / pieces;
            for (int i = whole; i < n; i++) {
                for (int p = 0; p < pieces; p++) {
                    b.pinned(src, dsts[i], paths[(int) (pointer++ % s)], pieceUnits);
                }
            }
            b.extraSubFlows((long) r * (pieces - 1));
        }
        return pointer;
    }
}

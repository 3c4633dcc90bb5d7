package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.LeafSpineFabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/**
 * Best single path per flow without any splitting. On a healthy leaf-spine fabric this is optimal: colour the
 * bipartite multigraph (source leaf -> destination leaf, one edge per cross-leaf flow) with Δ colours and send colour
 * c over spine c mod S, so no leaf-spine link carries more than ⌈Δ/S⌉ flows, and some link must (pigeonhole).
 *
 * <p>With failed links, or on a fat-tree, the colouring argument no longer applies; the router then places flows
 * greedily, most constrained leaf pairs first, each on the healthy path whose busiest link is least loaded, and marks
 * the result as not proven optimal.
 */
public final class SinglePathRouter implements Router {

    @Override
    public RoutedPattern route(Fabric fabric, TrafficPattern pattern, RoutingOptions options) {
        if (fabric instanceof LeafSpineFabric ls && fabric.failedLinkCount() == 0) {
            return colouring(ls, pattern, options);
        }
        return greedy(fabric, pattern, options);
    }

    private static RoutedPattern colouring(LeafSpineFabric fabric, TrafficPattern pattern, RoutingOptions options) {
        int leaves = fabric.leafCount();
        int spines = fabric.spineCount();
        int flows = pattern.flowCount();
        int[] pairEdge = new int[leaves * leaves];
        java.util.Arrays.fill(pairEdge, -1);
        int edges = 0;
        int[] eu = new int[16];
        int[] ev = new int[16];
        long[] mult = new long[16];
        for (int f = 0; f < flows; f++) {
            int a = fabric.leafOf(pattern.src(f));
            int z = fabric.leafOf(pattern.dst(f));
            if (a == z) {
                continue;
            }
            int pair = a * leaves + z;
            int e = pairEdge[pair];
            if (e < 0) {
                if (edges == eu.length) {
                    eu = java.util.Arrays.copyOf(eu, edges * 2);
                    ev = java.util.Arrays.copyOf(ev, edges * 2);
                    mult = java.util.Arrays.copyOf(mult, edges * 2);
                }
                e = edges++;
                pairEdge[pair] = e;
                eu[e] = a;
                ev[e] = z;
            }
            mult[e]++;
        }
        BipartiteEdgeColouring.Colouring c = BipartiteEdgeColouring.colour(leaves,
                java.util.Arrays.copyOf(eu, edges), java.util.Arrays.copyOf(ev, edges), java.util.Arrays.copyOf(mult, edges));
        int[] cursorRange = new int[edges];
        long[] cursorOffset = new long[edges];
        for (int e = 0; e < edges; e++) {
            cursorRange[e] = c.first()[e];
        }
        RoutedPatternBuilder b = new RoutedPatternBuilder(fabric, 1, options,
                (long) pattern.flowCount() * (2 + fabric.maxPathLinks()));
        for (int f = 0; f < flows; f++) {
            int src = pattern.src(f);
            int dst = pattern.dst(f);
            int a = fabric.leafOf(src);
            int z = fabric.leafOf(dst);
            if (a == z) {
                b.pinned(src, dst, -1, 1);
                continue;
            }
            int e = pairEdge[a * leaves + z];
            int r = cursorRange[e];
            long colour = c.rangeStart()[r] + cursorOffset[e];
            if (++cursorOffset[e] == c.rangeLength()[r]) {
                cursorRange[e]++;
                cursorOffset[e] = 0;
            }
            b.pinned(src, dst, (int) (colour % spines), 1);
        }
        return b.build(true);
    }

    private static RoutedPattern greedy(Fabric fabric, TrafficPattern pattern, RoutingOptions options) {
        int flows = pattern.flowCount();
        // order flows by how few healthy paths their leaf pair has (counting sort on s)
        int maxS = 1;
        int[] s = new int[flows];
        for (int f = 0; f < flows; f++) {
            int a = fabric.leafOf(pattern.src(f));
            int z = fabric.leafOf(pattern.dst(f));
            s[f] = a == z ? 0 : PathMath.healthy(fabric, a, z).length;
            maxS = Math.max(maxS, s[f]);
        }
        int[] start = new int[maxS + 2];
        for (int f = 0; f < flows; f++) {
            start[s[f] + 1]++;
        }
        for (int i = 0; i <= maxS; i++) {
            start[i + 1] += start[i];
        }
        int[] order = new int[flows];
        for (int f = 0; f < flows; f++) {
            order[start[s[f]]++] = f;
        }
        RoutedPatternBuilder b = new RoutedPatternBuilder(fabric, 1, options,
                (long) pattern.flowCount() * (2 + fabric.maxPathLinks()));
        int[] buf = new int[fabric.maxPathLinks()];
        for (int f : order) {
            int src = pattern.src(f);
            int dst = pattern.dst(f);
            int a = fabric.leafOf(src);
            int z = fabric.leafOf(dst);
            if (a == z) {
                b.pinned(src, dst, -1, 1);
                continue;
            }
            int[] paths = PathMath.healthy(fabric, a, z);
            int best = -1;
            long bestMax = Long.MAX_VALUE;
            long bestSum = Long.MAX_VALUE;
            int offset = Math.floorMod(src * 31 + dst, paths.length);
            for (int i = 0; i < paths.length; i++) {
                int p = paths[(i + offset) % paths.length];
                int n = fabric.pathLinks(a, z, p, buf);
                long max = 0;
                long sum = 0;
                for (int k = 0; k < n; k++) {
                    long u = b.units(buf[k]);
                    max = Math.max(max, u);
                    sum += u;
                }
                if (max < bestMax || (max == bestMax && sum < bestSum)) {
                    best = p;
                    bestMax = max;
                    bestSum = sum;
                }
            }
            b.pinned(src, dst, best, 1);
        }
        return b.build(false);
    }
}

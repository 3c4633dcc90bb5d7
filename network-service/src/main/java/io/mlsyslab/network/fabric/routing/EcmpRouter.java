package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/**
 * ECMP: each connection (and with k queue pairs, each of its k equal sub-flows) is hashed onto one healthy path. The
 * hash is a seeded mix of (source host, destination host, queue pair), so a connection keeps its path for every step
 * of a collective, as a 5-tuple hash would; a new seed models a new draw of source ports.
 */
public final class EcmpRouter implements Router {

    private final int queuePairs;
    private final long seed;

    public EcmpRouter(int queuePairs, long seed) {
        if (queuePairs < 1) {
            throw new FieldErrorException("queuePairs", "must be >= 1, was " + queuePairs);
        }
        this.queuePairs = queuePairs;
        this.seed = seed;
    }

    @Override
    public RoutedPattern route(Fabric fabric, TrafficPattern pattern, RoutingOptions options) {
        RoutedPatternBuilder b = new RoutedPatternBuilder(fabric, queuePairs, options,
                (long) pattern.flowCount() * queuePairs * (2 + fabric.maxPathLinks()));
        for (int f = 0; f < pattern.flowCount(); f++) {
            int src = pattern.src(f);
            int dst = pattern.dst(f);
            int a = fabric.leafOf(src);
            int z = fabric.leafOf(dst);
            int[] paths = a == z ? null : PathMath.healthy(fabric, a, z);
            for (int q = 0; q < queuePairs; q++) {
                int path = paths == null ? -1 : paths[bucket(src, dst, q, paths.length)];
                b.pinned(src, dst, path, 1);
            }
            b.extraSubFlows(queuePairs - 1);
        }
        return b.build(true);
    }

    int bucket(int src, int dst, int qp, int buckets) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h + src);
        h = mix(h + ((long) dst << 20));
        h = mix(h + qp);
        return (int) ((h >>> 1) % buckets);
    }

    /** SplitMix64's finaliser: a strong 64-bit mix, so nearby inputs hash independently. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

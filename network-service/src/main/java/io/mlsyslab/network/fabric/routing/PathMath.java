package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/** Small shared helpers: gcd/lcm and the common denominator of a pattern's healthy path counts. */
final class PathMath {

    private PathMath() {
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    static long lcm(long a, long b) {
        return Math.multiplyExact(a / gcd(a, b), b);
    }

    /** Healthy paths between two leaves, or a clear error when failures disconnect them. */
    static int[] healthy(Fabric fabric, int srcLeaf, int dstLeaf) {
        int[] paths = fabric.healthyPaths(srcLeaf, dstLeaf);
        if (paths.length == 0) {
            throw new FieldErrorException("failedLinks", "leaf " + srcLeaf + " has no healthy path to leaf " + dstLeaf);
        }
        return paths;
    }

    /**
     * Least common multiple of the healthy path counts of every leaf pair the pattern crosses, times {@code factor}:
     * a unit of flowSize / result makes every spraying share and every split piece a whole number of units.
     */
    static long commonDenominator(Fabric fabric, TrafficPattern pattern, long factor) {
        int leaves = fabric.leafCount();
        java.util.BitSet seen = new java.util.BitSet();
        long d = factor;
        boolean failures = fabric.failedLinkCount() > 0;
        for (int f = 0; f < pattern.flowCount(); f++) {
            int a = fabric.leafOf(pattern.src(f));
            int b = fabric.leafOf(pattern.dst(f));
            if (a == b) {
                continue;
            }
            int s;
            if (failures) {
                long pair = (long) a * leaves + b;
                if (pair < Integer.MAX_VALUE && seen.get((int) pair)) {
                    continue;
                }
                if (pair < Integer.MAX_VALUE) {
                    seen.set((int) pair);
                }
                s = healthy(fabric, a, b).length;
            } else {
                s = fabric.pathCount(a, b);
            }
            try {
                d = lcm(d, s);
            } catch (ArithmeticException e) {
                throw new FieldErrorException("failedLinks", "the healthy path counts are too diverse for exact "
                        + "load arithmetic (their least common multiple exceeds 2^63)", e);
            }
        }
        return d;
    }
}

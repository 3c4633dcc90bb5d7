package io.mlsyslab.network.fabric.traffic;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Collectives as lock-step phases of equal flows. {@code messageBytes} (M) is each rank's buffer; N = ranks.
 * <ul>
 *   <li>ring all-reduce: reduce-scatter then all-gather, 2(N-1) steps of M/N bytes to the next rank;</li>
 *   <li>halving-doubling (Rabenseifner): log2 N exchange steps of M/2, M/4, ... then the same in reverse;</li>
 *   <li>all-to-all: one step, M/N bytes from every rank to every other;</li>
 *   <li>permutation: one step, M bytes from every rank to a seeded uniform random permutation of the ranks;</li>
 *   <li>double binary tree (NCCL): two in-order binary trees, the second shifted by one rank, each carrying M/2;
 *       reduce towards the roots level by level, then broadcast back (pipelining is not modelled).</li>
 * </ul>
 */
public enum Collective {
    RING_ALL_REDUCE("ring-all-reduce"),
    HALVING_DOUBLING("halving-doubling"),
    ALL_TO_ALL("all-to-all"),
    PERMUTATION("permutation"),
    DOUBLE_BINARY_TREE("double-binary-tree");

    private final String wireName;

    Collective(String wireName) {
        this.wireName = wireName;
    }

    /** The name clients send and receive (JSON and schemas list it). */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Collective fromName(String field, String name) {
        if (name == null) {
            return RING_ALL_REDUCE;
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Collective c : values()) {
            if (c.wireName.equals(n)) {
                return c;
            }
        }
        throw new FieldErrorException(field, "unknown collective '" + name + "' (expected one of "
                + "ring-all-reduce, halving-doubling, all-to-all, permutation, double-binary-tree)");
    }

    /** Flows in the busiest step, to size-check a request before building it. */
    public long peakFlowsPerStep(int ranks) {
        return switch (this) {
            case ALL_TO_ALL -> (long) ranks * (ranks - 1);
            case DOUBLE_BINARY_TREE -> 2L * ranks;
            default -> ranks;
        };
    }

    /** The phases of this collective over ranks placed on {@code rankHosts}. */
    public List<Phase> phases(int[] rankHosts, double messageBytes, long seed) {
        if (!(messageBytes > 0) || Double.isInfinite(messageBytes)) {
            throw new FieldErrorException("messageBytes", "must be > 0, was " + messageBytes);
        }
        int n = rankHosts.length;
        if (n < 2) {
            return List.of();
        }
        return switch (this) {
            case RING_ALL_REDUCE -> ring(rankHosts, messageBytes);
            case HALVING_DOUBLING -> halvingDoubling(rankHosts, messageBytes);
            case ALL_TO_ALL -> List.of(new Phase(new AllToAllPattern(rankHosts), messageBytes / n, 1));
            case PERMUTATION -> permutation(rankHosts, messageBytes, seed);
            case DOUBLE_BINARY_TREE -> doubleBinaryTree(rankHosts, messageBytes);
        };
    }

    private static List<Phase> ring(int[] hosts, double m) {
        int n = hosts.length;
        int[] dst = new int[n];
        for (int r = 0; r < n; r++) {
            dst[r] = hosts[(r + 1) % n];
        }
        return List.of(new Phase(new ExplicitPattern("ring", hosts, dst), m / n, 2L * (n - 1)));
    }

    private static List<Phase> halvingDoubling(int[] hosts, double m) {
        int n = hosts.length;
        if (Integer.bitCount(n) != 1) {
            throw new FieldErrorException("ranks", "halving-doubling needs a power of two, was " + n);
        }
        List<TrafficPattern> patterns = new ArrayList<>();
        for (int distance = n / 2; distance >= 1; distance /= 2) {
            int[] dst = new int[n];
            for (int r = 0; r < n; r++) {
                dst[r] = hosts[r ^ distance];
            }
            patterns.add(new ExplicitPattern("exchange-distance-" + distance, hosts, dst));
        }
        List<Phase> phases = new ArrayList<>();
        double size = m;
        for (TrafficPattern p : patterns) {
            size /= 2;
            phases.add(new Phase(p, size, 1));
        }
        for (int i = patterns.size() - 1; i >= 0; i--) {
            phases.add(new Phase(patterns.get(i), size, 1));
            size *= 2;
        }
        return phases;
    }

    private static List<Phase> permutation(int[] hosts, double m, long seed) {
        int n = hosts.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] dst = new int[n];
        for (int r = 0; r < n; r++) {
            dst[r] = hosts[perm[r]];
        }
        return List.of(new Phase(new ExplicitPattern("permutation", hosts, dst), m, 1));
    }

    private static List<Phase> doubleBinaryTree(int[] hosts, double m) {
        int n = hosts.length;
        int[] parent1 = new int[n];
        int[] depth1 = new int[n];
        inOrderTree(0, n - 1, -1, 0, parent1, depth1);
        // second tree: position p holds rank (p + 1) mod n, so the first tree's leaves become inner nodes
        int[] parent2 = new int[n];
        int[] depth2 = new int[n];
        int[] posParent = new int[n];
        int[] posDepth = new int[n];
        inOrderTree(0, n - 1, -1, 0, posParent, posDepth);
        for (int p = 0; p < n; p++) {
            int rank = (p + 1) % n;
            parent2[rank] = posParent[p] < 0 ? -1 : (posParent[p] + 1) % n;
            depth2[rank] = posDepth[p];
        }
        int maxDepth = 0;
        for (int r = 0; r < n; r++) {
            maxDepth = Math.max(maxDepth, Math.max(depth1[r], depth2[r]));
        }
        List<TrafficPattern> levels = new ArrayList<>();
        List<TrafficPattern> down = new ArrayList<>();
        for (int d = maxDepth; d >= 1; d--) {
            levels.add(treeLevel(hosts, d, parent1, depth1, parent2, depth2, true));
            down.add(0, treeLevel(hosts, d, parent1, depth1, parent2, depth2, false));
        }
        List<Phase> phases = new ArrayList<>();
        for (TrafficPattern p : levels) {
            phases.add(new Phase(p, m / 2, 1));
        }
        for (TrafficPattern p : down) {
            phases.add(new Phase(p, m / 2, 1));
        }
        return phases;
    }

    private static TrafficPattern treeLevel(int[] hosts, int depth, int[] parent1, int[] depth1, int[] parent2,
                                            int[] depth2, boolean up) {
        int n = hosts.length;
        int[] src = new int[2 * n];
        int[] dst = new int[2 * n];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (depth1[r] == depth && parent1[r] >= 0) {
                src[k] = hosts[up ? r : parent1[r]];
                dst[k++] = hosts[up ? parent1[r] : r];
            }
            if (depth2[r] == depth && parent2[r] >= 0) {
                src[k] = hosts[up ? r : parent2[r]];
                dst[k++] = hosts[up ? parent2[r] : r];
            }
        }
        return new ExplicitPattern((up ? "tree-reduce-depth-" : "tree-broadcast-depth-") + depth,
                java.util.Arrays.copyOf(src, k), java.util.Arrays.copyOf(dst, k));
    }

    private static void inOrderTree(int lo, int hi, int parent, int depth, int[] parentOut, int[] depthOut) {
        if (lo > hi) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        parentOut[mid] = parent;
        depthOut[mid] = depth;
        inOrderTree(lo, mid - 1, mid, depth + 1, parentOut, depthOut);
        inOrderTree(mid + 1, hi, mid, depth + 1, parentOut, depthOut);
    }
}

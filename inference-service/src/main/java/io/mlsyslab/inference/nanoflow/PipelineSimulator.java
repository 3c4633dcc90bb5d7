package io.mlsyslab.inference.nanoflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Discrete-event model of NanoFlow's nano-batch pipeline inside one device (paper sections 3.7 and 4.1).
 *
 * <p>Each operation of each layer is split into nano-operations over token ranges (attention half and the rest of
 * the layer with their own counts). A nano-operation depends on a nano-operation of its parent operation exactly
 * when their token ranges intersect (the paper's rule). Operations run on four in-order streams, as in the released
 * code: compute (KQV, prefill attention, O, UG, D), memory (decode attention), element-wise (norms, residuals,
 * RoPE, SiLU) and network (collectives); a nano-operation starts when its dependencies are done and it heads its
 * stream.
 *
 * <p>With overlap, a memory, element-wise or network nano-operation runs with its schedule's static share R at
 * P(R) of its solo speed ({@link InterferenceTable}) and starts only if the shares of the running ones plus R do
 * not exceed 1; the running compute nano-operation gets the rest, 1 - (sum of the others' R), at P = R (a fluid
 * model: its rate changes at every event). Without overlap, one nano-operation runs at a time on the whole GPU,
 * in program order. Streams are tried network, memory, element-wise, compute at every event.
 */
public final class PipelineSimulator {

    /** One layer's operations in program order. */
    static final OpKind[] LAYER = {OpKind.KQV, OpKind.DEC_ATTN, OpKind.PF_ATTN, OpKind.O, OpKind.NET1, OpKind.OTHER1,
            OpKind.UG, OpKind.D, OpKind.NET2, OpKind.OTHER2};

    private static final Map<OpKind, OpKind[]> PARENTS = new EnumMap<>(OpKind.class);

    static {
        PARENTS.put(OpKind.KQV, new OpKind[]{OpKind.OTHER2});   // previous layer's
        PARENTS.put(OpKind.DEC_ATTN, new OpKind[]{OpKind.KQV});
        PARENTS.put(OpKind.PF_ATTN, new OpKind[]{OpKind.KQV});
        PARENTS.put(OpKind.O, new OpKind[]{OpKind.DEC_ATTN, OpKind.PF_ATTN});
        PARENTS.put(OpKind.NET1, new OpKind[]{OpKind.O});
        PARENTS.put(OpKind.OTHER1, new OpKind[]{OpKind.NET1});
        PARENTS.put(OpKind.UG, new OpKind[]{OpKind.OTHER1});
        PARENTS.put(OpKind.D, new OpKind[]{OpKind.UG});
        PARENTS.put(OpKind.NET2, new OpKind[]{OpKind.D});
        PARENTS.put(OpKind.OTHER2, new OpKind[]{OpKind.NET2});
    }

    private static final int NETWORK = 0;
    private static final int MEMORY = 1;
    private static final int ELEMENTWISE = 2;
    private static final int COMPUTE = 3;
    private static final int STREAMS = 4;

    /**
     * The outcome of simulating some layers.
     *
     * @param seconds      makespan
     * @param busySeconds  time each stream had an operation running: {compute, memory, element-wise, network}
     * @param computeShareSeconds integral of the compute share over time (compute busy weighted by its share)
     * @param nanoOps      nano-operations simulated
     */
    public record Result(double seconds, double[] busySeconds, double computeShareSeconds, int nanoOps) {
    }

    private PipelineSimulator() {
    }

    private static int stream(OpKind k) {
        return switch (k) {
            case NET1, NET2 -> NETWORK;
            case DEC_ATTN -> MEMORY;
            case OTHER1, OTHER2 -> ELEMENTWISE;
            default -> COMPUTE;
        };
    }

    private record Node(OpKind kind, double lo, double hi, double solo, double share, int[] deps) {
    }

    /** Simulates {@code layers} layers of the batch under the schedule. */
    public static Result simulate(CostModel cm, BatchMix batch, Schedule s, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers: must be >= 1");
        }
        List<Node> nodes = build(cm, batch, s, layers);
        return s.overlap() ? runOverlapped(nodes) : runSequential(nodes);
    }

    private static List<Node> build(CostModel cm, BatchMix batch, Schedule s, int layers) {
        List<Node> nodes = new ArrayList<>();
        double total = batch.tokens();
        // per kind of the current and the previous layer: indices of created nano-ops
        Map<OpKind, List<Integer>> prev = new EnumMap<>(OpKind.class);
        Map<OpKind, double[]> soloCache = new EnumMap<>(OpKind.class);
        for (int layer = 0; layer < layers; layer++) {
            Map<OpKind, List<Integer>> cur = new EnumMap<>(OpKind.class);
            for (OpKind kind : LAYER) {
                int k = kind == OpKind.KQV || kind == OpKind.DEC_ATTN || kind == OpKind.PF_ATTN
                        ? s.attentionNanoBatches() : s.ffnNanoBatches();
                double[] solo = soloCache.get(kind);
                if (solo == null) {
                    solo = new double[k];
                    for (int i = 0; i < k; i++) {
                        solo[i] = cm.soloSeconds(kind, batch.slice(total * i / k, total * (i + 1) / k));
                    }
                    soloCache.put(kind, solo);
                }
                List<Integer> created = new ArrayList<>();
                double share = s.share(kind);
                for (int i = 0; i < k; i++) {
                    if (solo[i] <= 0) {
                        continue;
                    }
                    double lo = total * i / k;
                    double hi = total * (i + 1) / k;
                    List<Integer> deps = new ArrayList<>();
                    for (OpKind parent : PARENTS.get(kind)) {
                        Map<OpKind, List<Integer>> scope = kind == OpKind.KQV ? prev : cur;
                        collect(nodes, scope, parent, lo, hi, deps);
                    }
                    created.add(nodes.size());
                    nodes.add(new Node(kind, lo, hi, solo[i], share,
                            deps.stream().mapToInt(Integer::intValue).toArray()));
                }
                cur.put(kind, created);
            }
            prev = cur;
        }
        return nodes;
    }

    /** The nano-ops of {@code kind} overlapping [lo, hi); through a kind that has none at all, its parents'. */
    private static void collect(List<Node> nodes, Map<OpKind, List<Integer>> scope, OpKind kind, double lo,
                                double hi, List<Integer> out) {
        List<Integer> ops = scope.get(kind);
        if (ops == null) {
            return; // first layer: no previous layer
        }
        if (ops.isEmpty() && kind != OpKind.KQV) {
            // e.g. the collectives on one GPU: depend on what they would have depended on
            for (OpKind parent : PARENTS.get(kind)) {
                collect(nodes, scope, parent, lo, hi, out);
            }
            return;
        }
        for (int i : ops) {
            Node n = nodes.get(i);
            if (n.lo < hi - 1e-9 && n.hi > lo + 1e-9) {
                out.add(i);
            }
        }
    }

    /** One at a time in program order (a topological order): the makespan is the sum of solo times. */
    private static Result runSequential(List<Node> nodes) {
        double[] busy = new double[STREAMS];
        double now = 0;
        for (Node node : nodes) {
            now += node.solo;
            busy[stream(node.kind)] += node.solo;
        }
        return new Result(now, new double[]{busy[COMPUTE], busy[MEMORY], busy[ELEMENTWISE], busy[NETWORK]},
                busy[COMPUTE], nodes.size());
    }

    private static Result runOverlapped(List<Node> nodes) {
        int n = nodes.size();
        int[][] queues = new int[STREAMS][];
        int[] counts = new int[STREAMS];
        for (Node node : nodes) {
            counts[stream(node.kind)]++;
        }
        for (int q = 0; q < STREAMS; q++) {
            queues[q] = new int[counts[q]];
            counts[q] = 0;
        }
        for (int i = 0; i < n; i++) {
            int q = stream(nodes.get(i).kind);
            queues[q][counts[q]++] = i;
        }
        int[] head = new int[STREAMS];
        int[] running = {-1, -1, -1, -1};
        double[] remaining = new double[STREAMS];   // solo-seconds of work left
        double[] rate = new double[STREAMS];
        double[] busy = new double[STREAMS];
        boolean[] done = new boolean[n];
        double computeShareSeconds = 0;
        double now = 0;
        int finished = 0;
        while (finished < n) {
            double used = 0;
            for (int q = 0; q < COMPUTE; q++) {
                if (running[q] >= 0) {
                    used += nodes.get(running[q]).share;
                }
            }
            for (int q = 0; q < STREAMS; q++) {
                if (running[q] >= 0 || head[q] >= queues[q].length) {
                    continue;
                }
                Node node = nodes.get(queues[q][head[q]]);
                boolean fits = q == COMPUTE || used + node.share <= 1 + 1e-9;
                if (!fits || !ready(node, done)) {
                    continue;
                }
                running[q] = queues[q][head[q]];
                remaining[q] = node.solo;
                if (q != COMPUTE) {
                    used += node.share;
                    rate[q] = InterferenceTable.performance(node.kind.resource(), node.share);
                }
            }
            double gemmShare = Math.max(0, 1 - used);
            rate[COMPUTE] = gemmShare;
            double dt = Double.POSITIVE_INFINITY;
            for (int q = 0; q < STREAMS; q++) {
                if (running[q] >= 0 && rate[q] > 0) {
                    dt = Math.min(dt, remaining[q] / rate[q]);
                }
            }
            if (dt == Double.POSITIVE_INFINITY) {
                throw new IllegalStateException("pipeline stalled with " + (n - finished) + " nano-ops left");
            }
            for (int q = 0; q < STREAMS; q++) {
                if (running[q] >= 0) {
                    busy[q] += dt;
                    remaining[q] -= rate[q] * dt;
                }
            }
            if (running[COMPUTE] >= 0) {
                computeShareSeconds += gemmShare * dt;
            }
            now += dt;
            for (int q = 0; q < STREAMS; q++) {
                if (running[q] >= 0 && rate[q] > 0 && remaining[q] <= 1e-12 * Math.max(1, now)) {
                    done[running[q]] = true;
                    running[q] = -1;
                    head[q]++;
                    finished++;
                }
            }
        }
        return new Result(now, new double[]{busy[COMPUTE], busy[MEMORY], busy[ELEMENTWISE], busy[NETWORK]},
                computeShareSeconds, n);
    }

    private static boolean ready(Node node, boolean[] done) {
        for (int d : node.deps) {
            if (!done[d]) {
                return false;
            }
        }
        return true;
    }
}

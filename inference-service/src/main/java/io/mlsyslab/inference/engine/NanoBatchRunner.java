package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.kernel.ComputePool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NanoFlow's intra-device pipeline on CPU threads. Each iteration's rows are cut into {@code k} nano-batches of
 * (nearly) equal row counts; every stage of every nano-batch is a nano-operation, and the nano-operations form a
 * dependency graph that three executors (compute: the GEMM stages; memory: attention over the local KV; network:
 * attention through a remote backend) run as soon as their inputs are ready, lowest (layer, stage, nano-batch)
 * first. A nano-operation depends on another only where their parent operations depend and their rows overlap:
 * a stage on the previous stage of the same rows; attention additionally on the QKV stage (which appends the keys
 * and values) of every earlier nano-batch holding rows of the same sequence, since a prefill chunk cut across
 * nano-batches attends over positions the earlier nano-batch appends.
 *
 * <p>Each executor is one platform thread driving its own {@link ComputePool}, so a GEMM of one nano-batch runs
 * while attention of another streams the KV. Results equal the sequential engine's up to the last bits of the
 * GEMMs, whose kernel path in nn-core depends on the row count (the small-M path under 5 rows); greedy tokens are
 * identical wherever the top-2 logit margin exceeds that (tests compare behind such a margin guard).
 */
final class NanoBatchRunner implements BatchRunner {
    private static final int EMBED = 0, QKV = 1, ATTENTION = 2, OUT = 3, MLP = 4, HEAD = 5;

    private final Gpt2Decoder decoder;
    private final int k;
    private final ComputePool computePool, attentionPool;
    private final Resource attentionResource;
    private final EngineObserver observer;
    private final ThreadPoolExecutor[] executors = new ThreadPoolExecutor[3];
    private final AtomicLongArray busy = new AtomicLongArray(3);
    private final OverlapClock overlap = new OverlapClock();

    NanoBatchRunner(Gpt2Decoder decoder, int k, ComputePool computePool, ComputePool attentionPool,
                    Resource attentionResource, EngineObserver observer) {
        this.decoder = decoder;
        this.k = k;
        this.computePool = computePool;
        this.attentionPool = attentionPool;
        this.attentionResource = attentionResource;
        this.observer = observer;
        for (Resource r : Resource.values()) {
            executors[r.ordinal()] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                    new PriorityBlockingQueue<>(), run -> {
                        Thread t = new Thread(run, "nano-" + r.label);
                        t.setDaemon(true);
                        return t;
                    });
        }
    }

    /** Row ranges of the nano-batches: {@code k} nearly equal parts (fewer when there are fewer rows). */
    static int[] split(int rows, int k) {
        int parts = Math.max(1, Math.min(k, rows));
        int[] bounds = new int[parts + 1];
        for (int j = 0; j <= parts; j++) {
            bounds[j] = (int) ((long) rows * j / parts);
        }
        return bounds;
    }

    @Override
    public void run(Gpt2Decoder.Step s) {
        int layers = decoder.model().config().nLayer();
        int[] bounds = split(s.rows(), k);
        int parts = bounds.length - 1;
        List<Op> ops = new ArrayList<>();
        Op[] last = new Op[parts];
        Op[][] qkv = new Op[layers][parts];
        for (int j = 0; j < parts; j++) {
            last[j] = add(ops, new Op(EMBED, -1, j, bounds[j], bounds[j + 1], Resource.COMPUTE));
        }
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < parts; j++) {
                qkv[l][j] = add(ops, new Op(QKV, l, j, bounds[j], bounds[j + 1], Resource.COMPUTE));
                last[j].then(qkv[l][j]);
            }
            for (int j = 0; j < parts; j++) {
                Op att = add(ops, new Op(ATTENTION, l, j, bounds[j], bounds[j + 1], attentionResource));
                for (int i = 0; i <= j; i++) {
                    if (i == j || sharesSequence(s.seqs(), bounds[i], bounds[i + 1], bounds[j], bounds[j + 1])) {
                        qkv[l][i].then(att);
                    }
                }
                Op out = add(ops, new Op(OUT, l, j, bounds[j], bounds[j + 1], Resource.COMPUTE));
                att.then(out);
                Op mlp = add(ops, new Op(MLP, l, j, bounds[j], bounds[j + 1], Resource.COMPUTE));
                out.then(mlp);
                last[j] = mlp;
            }
        }
        for (int j = 0; j < parts; j++) {
            Op head = add(ops, new Op(HEAD, layers, j, bounds[j], bounds[j + 1], Resource.COMPUTE));
            last[j].then(head);
        }
        CountDownLatch done = new CountDownLatch(ops.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Op op : ops) {
            op.graph = new Graph(s, done, failure);
        }
        List<Op> roots = new ArrayList<>();
        for (Op op : ops) {
            if (op.pending.get() == 0) {
                roots.add(op);
            }
        }
        roots.forEach(this::submit);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("engine: interrupted while a batch ran", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error err) {
            throw err;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static boolean sharesSequence(int[] seqs, int a0, int a1, int b0, int b1) {
        for (int a = a0; a < a1; a++) {
            for (int b = b0; b < b1; b++) {
                if (seqs[a] == seqs[b]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Op add(List<Op> ops, Op op) {
        ops.add(op);
        return op;
    }

    private void submit(Op op) {
        executors[op.resource.ordinal()].execute(op);
    }

    private void execute(Op op) {
        Gpt2Decoder.Step s = op.graph.step;
        switch (op.stage) {
            case EMBED -> decoder.embed(s, op.from, op.to);
            case QKV -> decoder.qkv(s, op.layer, op.from, op.to, computePool);
            case ATTENTION -> decoder.attention(s, op.layer, op.from, op.to, attentionPool);
            case OUT -> decoder.outProjection(s, op.layer, op.from, op.to, computePool);
            case MLP -> decoder.mlp(s, op.layer, op.from, op.to, computePool);
            case HEAD -> decoder.head(s, op.from, op.to, computePool);
            default -> throw new IllegalStateException("stage " + op.stage);
        }
    }

    @Override
    public long[] busyNanos() {
        return new long[]{busy.get(0), busy.get(1), busy.get(2)};
    }

    @Override
    public long overlapNanos() {
        return overlap.overlapNanos();
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor e : executors) {
            e.shutdownNow();
        }
    }

    private record Graph(Gpt2Decoder.Step step, CountDownLatch done, AtomicReference<Throwable> failure) {
    }

    private final class Op implements Runnable, Comparable<Op> {
        final int stage, layer, nano, from, to;
        final Resource resource;
        final AtomicInteger pending = new AtomicInteger();
        final List<Op> dependents = new ArrayList<>(2);
        Graph graph;

        Op(int stage, int layer, int nano, int from, int to, Resource resource) {
            this.stage = stage;
            this.layer = layer;
            this.nano = nano;
            this.from = from;
            this.to = to;
            this.resource = resource;
        }

        void then(Op next) {
            dependents.add(next);
            next.pending.incrementAndGet();
        }

        @Override
        public void run() {
            long t0 = System.nanoTime();
            overlap.enter();
            try {
                if (graph.failure.get() == null) {
                    execute(this);
                }
            } catch (Throwable t) {
                graph.failure.compareAndSet(null, t);
            } finally {
                overlap.exit();
                long ns = System.nanoTime() - t0;
                busy.addAndGet(resource.ordinal(), ns);
                observer.busy(resource.label, ns);
                for (Op d : dependents) {
                    if (d.pending.decrementAndGet() == 0) {
                        submit(d);
                    }
                }
                graph.done.countDown();
            }
        }

        @Override
        public int compareTo(Op o) {
            int c = Integer.compare(layer * 8 + stage, o.layer * 8 + o.stage);
            return c != 0 ? c : Integer.compare(nano, o.nano);
        }
    }
}

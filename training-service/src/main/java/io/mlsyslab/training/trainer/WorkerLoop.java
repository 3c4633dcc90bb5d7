package io.mlsyslab.training.trainer;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.train.AdamW;
import io.mlsyslab.nn.train.AdamWConfig;
import io.mlsyslab.nn.train.GradientClipping;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
import io.mlsyslab.nn.train.LrSchedule;
import io.mlsyslab.training.outer.NesterovSgd;
import io.mlsyslab.training.transport.Collectives;
import io.mlsyslab.training.transport.SyncTransport;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One worker of a training job: the same code runs as a thread of the in-process trainer and inside a worker
 * process. Per inner step t = 1..T: sample a batch from this worker's shard, forward/backward, then
 * <ul>
 *   <li>data-parallel: ring all-reduce of the gradient, divided by M; clip; AdamW;</li>
 *   <li>DiLoCo / Streaming DiLoCo: clip; AdamW on the local replica; then (a) the fragment whose exchange was issued
 *       tau steps ago is received: outer Nesterov step on the global copy of that fragment with the mean outer
 *       gradient, and merge {@code local = alpha local + (1-alpha) global} (plain replacement when tau = 0);
 *       (b) a fragment p due at t, i.e. {@code t = t_p + kH} with {@code t_p = p H/P} and {@code k >= 1} (the
 *       paper's convention), sends {@code Delta = global - local} (old minus new), quantised, to all workers.</li>
 * </ul>
 * Every H steps rank 0 evaluates the global parameters on the held-out split. After step T a Streaming DiLoCo
 * worker completes the exchange in flight and synchronises every fragment not synchronised at T once more (without
 * overlap), so the final global parameters contain every worker's last steps. AdamW state is never reset or
 * shared. With tau >= 1 the exchange runs on a communication thread while the worker keeps computing.
 */
public final class WorkerLoop {
    private final TrainerConfig config;
    private final Corpus corpus;
    private final int rank;
    private final SyncTransport transport;
    private final TrainingReporter reporter;

    public WorkerLoop(TrainerConfig config, Corpus corpus, SyncTransport transport, TrainingReporter reporter) {
        this.config = config;
        this.corpus = corpus;
        this.rank = transport.rank();
        this.transport = transport;
        this.reporter = reporter;
        if (transport.workers() != config.workers()) {
            throw new IllegalArgumentException("workers: transport has " + transport.workers() + ", config "
                    + config.workers());
        }
    }

    /** The model configuration of a run over this corpus. */
    public static GptConfig modelConfig(TrainerConfig c, int vocab) {
        return new GptConfig(vocab, c.seqLen(), c.nEmbd(), c.nLayer(), c.nHead(), 1e-5f);
    }

    /** The batch sampler seed of worker {@code rank}. */
    static long samplerSeed(long seed, int rank) {
        return seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (rank + 1);
    }

    /** Runs the worker to completion. */
    public void run() {
        TrainerConfig c = config;
        GptConfig cfg = modelConfig(c, corpus.vocabSize());
        Gpt2Model global = Gpt2Model.initialize(cfg, c.seed());
        Gpt2Model local = new Gpt2Model(cfg, global.params().copy());
        NamedTensors grads = new NamedTensors(local.params().layout());
        AdamW adamw = new AdamW(local.params(), new AdamWConfig(0.9f, 0.95f, 1e-8f, c.weightDecay()));
        LrSchedule lr = new LrSchedule(c.innerLr(), c.innerLr() * c.minLrRatio(), c.warmupSteps(), c.totalSteps());
        int m = c.workers(), h = c.innerSteps(), p = c.effectiveFragments(), tau = c.effectiveOverlap();
        List<Fragments.Fragment> fragments = Fragments.plan(local.params().layout(), c.nLayer(), p, c.sequential());
        NesterovSgd outer = new NesterovSgd(grads.data().length, p, c.outerLr(), c.outerMomentum());
        Shard shard = new Shard(corpus.train(), rank, m, c.seqLen(), samplerSeed(c.seed(), rank));
        int[] tokens = new int[c.batch() * c.seqLen()], targets = new int[tokens.length];
        ExecutorService comm = tau > 0 && c.outer() ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sync-" + rank);
            t.setDaemon(true);
            return t;
        }) : null;
        long t0 = System.nanoTime();
        try (ComputePool pool = c.threadsPerWorker() == 1 ? ComputePool.serial() : new ComputePool(c.threadsPerWorker())) {
            Gpt2TrainingPass pass = new Gpt2TrainingPass(local, c.batch(), c.seqLen(), pool);
            Evaluator eval = rank == 0 ? new Evaluator(cfg, c, corpus.heldOut(), pool) : null;
            Pending pending = null;
            int[] lastSent = new int[p];
            for (int t = 1; t <= c.totalSteps(); t++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancelledException("worker " + rank + " interrupted at step " + t);
                }
                shard.next(c.batch(), tokens, targets);
                grads.zero();
                float loss = pass.forward(tokens, targets);
                pass.backward(grads);
                if (!c.outer() && m > 1) {
                    long s0 = transport.bytesSent(), r0 = transport.bytesReceived(), x0 = System.nanoTime();
                    double issued = seconds(t0);
                    Collectives.ringAllReduceSum(transport, grads.data(), t);
                    scale(grads.data(), 1f / m);
                    reporter.sync(rank, new SyncRecord(t, 0, 4L * grads.data().length,
                            transport.bytesSent() - s0, transport.bytesReceived() - r0, issued, seconds(x0)));
                }
                if (c.gradClip() > 0) {
                    GradientClipping.clip(grads, c.gradClip());
                }
                adamw.step(local.params(), grads, lr.lr(t - 1));
                reporter.innerStep(rank, t, loss);
                if (c.outer()) {
                    if (pending != null && t == pending.step + tau) {
                        apply(pending, global, local, outer, tau);
                        pending = null;
                    }
                    for (Fragments.Fragment f : fragments) {
                        int offset = f.index() * (h / p);
                        if (t - offset >= h && (t - offset) % h == 0) {
                            pending = send(f, t, global, local, comm, t0);
                            lastSent[f.index()] = t;
                            if (tau == 0) {
                                apply(pending, global, local, outer, 0);
                                pending = null;
                            }
                        }
                    }
                    if (t == c.totalSteps()) {
                        if (pending != null) {
                            apply(pending, global, local, outer, tau);
                            pending = null;
                        }
                        for (Fragments.Fragment f : fragments) {
                            if (lastSent[f.index()] != t) {
                                apply(send(f, t, global, local, null, t0), global, local, outer, 0);
                            }
                        }
                    }
                }
                if (eval != null && t % h == 0) {
                    reporter.eval(t, eval.loss(c.outer() ? global.params() : local.params()));
                }
            }
            reporter.finished(rank, rank == 0 ? (c.outer() ? global : local).params().data().clone() : null);
        } finally {
            if (comm != null) {
                comm.shutdownNow();
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** An exchange in flight. */
    private record Pending(Fragments.Fragment fragment, int step, CompletableFuture<float[]> sum) {
    }

    private Pending send(Fragments.Fragment f, int t, Gpt2Model global, Gpt2Model local, ExecutorService comm,
                         long t0) {
        float[] g = f.gather(global.params().data()), l = f.gather(local.params().data());
        for (int i = 0; i < g.length; i++) {
            g[i] = g[i] - l[i];
        }
        double issued = seconds(t0);
        java.util.function.Supplier<float[]> exchange = () -> {
            long s0 = transport.bytesSent(), r0 = transport.bytesReceived(), x0 = System.nanoTime();
            float[] sum = Collectives.allGatherSum(transport, g, config.quantisation(), t, f.index());
            reporter.sync(rank, new SyncRecord(t, f.index(), config.quantisation().encodedBytes(g.length),
                    transport.bytesSent() - s0, transport.bytesReceived() - r0, issued, seconds(x0)));
            return sum;
        };
        CompletableFuture<float[]> future = comm == null ? CompletableFuture.completedFuture(exchange.get())
                : CompletableFuture.supplyAsync(exchange, comm);
        return new Pending(f, t, future);
    }

    private void apply(Pending pending, Gpt2Model global, Gpt2Model local, NesterovSgd outer, int tau) {
        float[] sum;
        try {
            sum = pending.sum.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("worker " + rank + " interrupted while synchronising");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        scale(sum, 1f / config.workers());
        Fragments.Fragment f = pending.fragment;
        float[] g = global.params().data(), l = local.params().data();
        outer.step(f.index(), g, f.starts(), f.lengths(), sum);
        float a = config.alpha(), b = 1f - a;
        for (int r = 0; r < f.starts().length; r++) {
            int end = f.starts()[r] + f.lengths()[r];
            for (int i = f.starts()[r]; i < end; i++) {
                l[i] = tau == 0 ? g[i] : a * l[i] + b * g[i];
            }
        }
    }

    private static void scale(float[] x, float s) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * s;
        }
    }

    /** This worker's contiguous share of the training tokens, sampled with its own seeded stream. */
    static final class Shard {
        private final int[] data;
        private final int from, to, seqLen;
        private final SplittableRandom random;

        Shard(int[] train, int rank, int workers, int seqLen, long seed) {
            this.data = train;
            this.from = (int) ((long) rank * train.length / workers);
            this.to = (int) ((long) (rank + 1) * train.length / workers);
            this.seqLen = seqLen;
            if (to - from < seqLen + 2) {
                throw new IllegalArgumentException("corpusTokens: a worker's shard holds " + (to - from)
                        + " tokens, fewer than seqLen + 2 = " + (seqLen + 2));
            }
            this.random = new SplittableRandom(seed);
        }

        void next(int batch, int[] tokens, int[] targets) {
            for (int b = 0; b < batch; b++) {
                int start = from + random.nextInt(to - from - seqLen);
                System.arraycopy(data, start, tokens, b * seqLen, seqLen);
                System.arraycopy(data, start + 1, targets, b * seqLen, seqLen);
            }
        }
    }

    /** Mean held-out loss over fixed, evenly spaced windows. */
    static final class Evaluator {
        private final Gpt2Model model;
        private final Gpt2TrainingPass pass;
        private final int[][] tokens, targets;

        Evaluator(GptConfig cfg, TrainerConfig c, int[] heldOut, ComputePool pool) {
            this.model = new Gpt2Model(cfg, new NamedTensors(io.mlsyslab.nn.model.ParameterLayout.gpt2(cfg)));
            this.pass = new Gpt2TrainingPass(model, c.batch(), c.seqLen(), pool);
            int windows = c.evalBatches() * c.batch(), span = heldOut.length - c.seqLen() - 1;
            if (span < 0) {
                throw new IllegalArgumentException("corpusTokens: the held-out split holds " + heldOut.length
                        + " tokens, fewer than seqLen + 1 = " + (c.seqLen() + 1));
            }
            tokens = new int[c.evalBatches()][c.batch() * c.seqLen()];
            targets = new int[c.evalBatches()][c.batch() * c.seqLen()];
            for (int w = 0; w < windows; w++) {
                int start = windows == 1 ? 0 : (int) ((long) w * span / (windows - 1));
                int b = w / c.batch(), row = w % c.batch();
                System.arraycopy(heldOut, start, tokens[b], row * c.seqLen(), c.seqLen());
                System.arraycopy(heldOut, start + 1, targets[b], row * c.seqLen(), c.seqLen());
            }
        }

        double loss(NamedTensors params) {
            System.arraycopy(params.data(), 0, model.params().data(), 0, params.data().length);
            double sum = 0;
            for (int b = 0; b < tokens.length; b++) {
                sum += pass.forward(tokens[b], targets[b]);
            }
            return sum / tokens.length;
        }
    }

    /** The worker was asked to stop. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException(String message) {
            super(message);
        }
    }
}

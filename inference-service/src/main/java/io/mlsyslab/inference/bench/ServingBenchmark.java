package io.mlsyslab.inference.bench;

import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.inference.engine.EngineStats;
import io.mlsyslab.inference.engine.GenerationListener;
import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.TokenOutput;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import io.mlsyslab.inference.engine.PagedKvCache;
import io.mlsyslab.nn.decode.AttentionBackend;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/** Drives an {@link InferenceEngine} with a {@link Workload} and measures it, like vLLM's benchmark_serving. */
public final class ServingBenchmark {
    private ServingBenchmark() {
    }

    /**
     * Runs the workload on a fresh engine.
     *
     * @param cancelled polled while waiting; true stops the run (the engine is closed)
     * @param progress  receives the number of finished requests
     */
    public static BenchResult run(Gpt2Model model, EngineConfig config, Workload workload, SamplingConfig sampling,
                                  BooleanSupplier cancelled, IntConsumer progress) throws InterruptedException {
        return run(model, config, workload, sampling, null, cancelled, progress);
    }

    /**
     * Runs the workload on a fresh engine whose attention backend {@code backends} builds from its paged cache
     * (null: local attention; see {@link InferenceEngine}). A request that fails fails the run with its error.
     */
    public static BenchResult run(Gpt2Model model, EngineConfig config, Workload workload, SamplingConfig sampling,
                                  Function<PagedKvCache, AttentionBackend> backends, BooleanSupplier cancelled,
                                  IntConsumer progress) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int n = workload.requests().size();
        long[] first = new long[n], last = new long[n], submitted = new long[n];
        int[] generated = new int[n];
        List<int[]> outputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            outputs.add(new int[0]);
        }
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger maxRows = new AtomicInteger();
        EngineObserver observer = new EngineObserver() {
            @Override
            public void iteration(int rows, int decodeRows, long nanos) {
                maxRows.accumulateAndGet(rows, Math::max);
            }
        };
        String label = config.nanoBatches() > 1 ? "nano-batch(" + config.nanoBatches() + ")" : "sequential";
        long promptTokens = 0;
        try (InferenceEngine engine = new InferenceEngine(model, null, -1, config, backends, observer)) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Workload.Request r = workload.requests().get(i);
                long due = start + (long) (r.arrival() * 1e9);
                while (System.nanoTime() < due) {
                    if (cancelled.getAsBoolean()) {
                        throw new InterruptedException("cancelled");
                    }
                    long waitMs = Math.max(0, Math.min(50, (due - System.nanoTime()) / 1_000_000));
                    if (waitMs > 0) {
                        Thread.sleep(waitMs);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                int idx = i;
                promptTokens += r.prompt().length;
                GenerationListener listener = new GenerationListener() {
                    final List<Integer> tokens = new ArrayList<>();

                    @Override
                    public void onTokens(int choice, List<TokenOutput> out) {
                        long now = System.nanoTime();
                        if (generated[idx] == 0) {
                            first[idx] = now;
                        }
                        last[idx] = now;
                        generated[idx] += out.size();
                        out.forEach(t -> tokens.add(t.token()));
                    }

                    @Override
                    public void onFinish(int choice, String reason, String trailingText, int completionTokens) {
                        synchronized (outputs) {
                            outputs.set(idx, tokens.stream().mapToInt(Integer::intValue).toArray());
                        }
                        progress.accept(finished.incrementAndGet());
                        done.countDown();
                    }

                    @Override
                    public void onError(RuntimeException e) {
                        failure.compareAndSet(null, e);
                        done.countDown();
                    }
                };
                submitted[i] = System.nanoTime();
                engine.submit(new GenerationRequest(r.prompt(), r.outputTokens(), sampling, 1, null, null, false,
                        true), listener);
            }
            while (!done.await(200, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw new InterruptedException("cancelled");
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            while (engine.stats().running() > 0 || engine.stats().waiting() > 0) {
                Thread.sleep(1); // the engine publishes its counters right after the last finish
            }
            long end = 0;
            for (long l : last) {
                end = Math.max(end, l);
            }
            double wall = (end - start) / 1e9;
            EngineStats stats = engine.stats();
            double[] ttft = new double[n], tpot = new double[n];
            long out = 0;
            for (int i = 0; i < n; i++) {
                ttft[i] = (first[i] - submitted[i]) / 1e9;
                tpot[i] = generated[i] > 1 ? (last[i] - first[i]) / 1e9 / (generated[i] - 1) : Double.NaN;
                out += generated[i];
            }
            long[] busy = stats.busyNanos();
            double wallNs = Math.max(1, end - start);
            return new BenchResult(label, wall, out / wall, (out + promptTokens) / wall, percentile(ttft, 50),
                    percentile(ttft, 99), percentile(tpot, 50), percentile(tpot, 99), stats.iterations(),
                    stats.iterations() == 0 ? 0 : stats.batchedRows() / (double) stats.iterations(), maxRows.get(),
                    stats.preemptions(), new BenchResult.BusyShare(busy[0] / wallNs, busy[1] / wallNs,
                    busy[2] / wallNs, stats.overlapNanos() / wallNs), ttft, tpot, List.copyOf(outputs));
        }
    }

    /** Nearest-rank percentile over the finite values (NaN when none). */
    public static double percentile(double[] values, double p) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }
}

package io.mlsyslab.inference.config;

import io.mlsyslab.inference.engine.BothObservers;
import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.inference.engine.FinishedSequence;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.Resource;
import io.mlsyslab.inference.engine.EngineStats;
import io.mlsyslab.inference.serving.EngineManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The engine's events as Micrometer meters, named after vLLM's (Prometheus names in brackets):
 * {@code inference.tokens.generated} [inference_tokens_generated_total] ~ vllm:generation_tokens,
 * {@code inference.prompt.tokens} ~ vllm:prompt_tokens, {@code inference.time.to.first.token} ~
 * vllm:time_to_first_token_seconds, {@code inference.time.per.output.token} ~ vllm:time_per_output_token_seconds,
 * {@code inference.requests.running}/{@code .waiting} ~ vllm:num_requests_running/waiting,
 * {@code inference.batch.size}, {@code inference.kv.memory.used} (bytes) ~ vllm:gpu_cache_usage_perc (as bytes,
 * with {@code inference.kv.memory.capacity}), {@code inference.preemptions} ~ vllm:num_preemptions,
 * {@code inference.executor.busy{executor}} (seconds), {@code inference.requests.finished{reason}} ~
 * vllm:request_success; {@code inference.prompt.tokens.shared}: prompt positions of n &gt; 1 choices copied
 * instead of prefilled; {@code inference.kv.offload.delete.failures}: stored sequences that could not be deleted
 * from storage-service after every retry.
 *
 * <p>Beside them, each model's engines report under vLLM's own names with label {@code model_name}
 * ({@link #forModel}, {@link VllmMetrics}).
 */
public final class MicrometerEngineObserver implements EngineObserver {
    private final MeterRegistry registry;
    private final Supplier<EngineManager> engines;
    private final Map<String, VllmMetrics> models = new ConcurrentHashMap<>();
    private final Counter generated, prompt, promptShared, preemptions, kvDeleteFailures;
    private final Timer ttft, tpot, iteration;
    private final DistributionSummary batch;

    public MicrometerEngineObserver(MeterRegistry registry, Supplier<EngineManager> engines) {
        this.registry = registry;
        this.engines = engines;
        this.generated = Counter.builder("inference.tokens.generated").description("output tokens generated")
                .register(registry);
        this.prompt = Counter.builder("inference.prompt.tokens").description("prompt tokens computed (prefill)")
                .register(registry);
        this.preemptions = Counter.builder("inference.preemptions").description("sequences preempted (recompute)")
                .register(registry);
        this.promptShared = Counter.builder("inference.prompt.tokens.shared")
                .description("prompt positions copied from another choice of the same request (n > 1) instead of "
                        + "prefilled").register(registry);
        this.kvDeleteFailures = Counter.builder("inference.kv.offload.delete.failures")
                .description("stored sequences (kvOffload: storage) not deleted after every retry").register(registry);
        this.ttft = Timer.builder("inference.time.to.first.token").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
        this.tpot = Timer.builder("inference.time.per.output.token").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.iteration = Timer.builder("inference.iteration").description("one engine iteration")
                .register(registry);
        this.batch = DistributionSummary.builder("inference.batch.size").baseUnit("tokens")
                .description("rows per iteration").register(registry);
        // the executors' counters exist from start-up, so dashboards and alerts see 0 rather than no series
        for (Resource resource : Resource.values()) {
            busyCounter(resource.label());
        }
        gauge("inference.requests.running", engines, EngineStats::running, "sequences holding KV memory", null);
        gauge("inference.requests.waiting", engines, EngineStats::waiting, "sequences waiting for admission", null);
        gauge("inference.kv.memory.used", engines, EngineStats::kvUsedBytes, "KV bytes in use", "bytes");
        gauge("inference.kv.memory.capacity", engines, EngineStats::kvTotalBytes, "KV bytes in the pools", "bytes");
    }

    private void gauge(String name, Supplier<EngineManager> engines, ToDoubleFunction<EngineStats> f, String d,
                       String unit) {
        Gauge.builder(name, () -> {
            EngineManager m = engines.get();
            double sum = 0;
            if (m != null) {
                for (var e : m.running().values()) {
                    sum += f.applyAsDouble(e.stats());
                }
            }
            return sum;
        }).description(d).baseUnit(unit).register(registry);
    }

    /** The service-wide meters and the model's vLLM meters. */
    @Override
    public EngineObserver forModel(String modelId) {
        VllmMetrics vllm = models.computeIfAbsent(modelId, id -> new VllmMetrics(registry, id, () -> {
            EngineManager m = engines.get();
            return m == null ? List.of() : m.enginesOf(id).stream().map(InferenceEngine::stats).toList();
        }));
        return new BothObservers(this, vllm);
    }

    @Override
    public void modelRemoved(String modelId) {
        VllmMetrics vllm = models.remove(modelId);
        if (vllm != null) {
            vllm.remove();
        }
    }

    @Override
    public void iteration(int rows, int decodeRows, long nanos) {
        batch.record(rows);
        iteration.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void firstToken(long nanos, int promptTokens) {
        ttft.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void interToken(long nanos) {
        tpot.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void generated(int tokens) {
        generated.increment(tokens);
    }

    @Override
    public void prefilled(int tokens) {
        prompt.increment(tokens);
    }

    @Override
    public void preempted() {
        preemptions.increment();
    }

    @Override
    public void busy(String executor, long nanos) {
        busyCounter(executor).increment(nanos / 1e9);
    }

    private Counter busyCounter(String executor) {
        return Counter.builder("inference.executor.busy").baseUnit("seconds").tag("executor", executor)
                .description("time an executor of the engine spent on operations").register(registry);
    }

    @Override
    public void finished(FinishedSequence sequence) {
        Counter.builder("inference.requests.finished").tag("reason", sequence.reason()).register(registry)
                .increment();
    }

    @Override
    public void promptShared(int positions) {
        promptShared.increment(positions);
    }

    @Override
    public void kvDeleteFailed() {
        kvDeleteFailures.increment();
    }
}

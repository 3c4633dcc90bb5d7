package io.mlsyslab.inference.config;

import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.inference.engine.EngineStats;
import io.mlsyslab.inference.engine.FinishedSequence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One model's engine events under vLLM's metric names and label {@code model_name}, so vLLM's Grafana dashboards
 * and alerts work unchanged. Micrometer's Prometheus naming keeps the colon ({@code vllm:num_requests_running}: a
 * colon is valid in a Prometheus metric name), so no naming convention of our own is needed (VllmMetricsTest reads
 * the scrape). The histograms use vLLM's buckets. Both KV placements of a model report under its id.
 *
 * <p>Not exported: vLLM's {@code vllm:iteration_tokens_total} histogram: the Prometheus client refuses a histogram
 * name ending in the reserved {@code _total} (its {@code inference.batch.size} counterpart has the rows per
 * iteration).
 */
final class VllmMetrics implements EngineObserver {
    static final String PREFIX = "vllm:";
    static final String MODEL_NAME = "model_name";
    /** vLLM's {@code time_to_first_token_seconds} buckets. */
    private static final double[] TTFT = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    /** vLLM's inter-token (time per output token) buckets. */
    private static final double[] ITL = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0,
            7.5, 10.0, 20.0, 40.0, 80.0};
    /** vLLM's request latency buckets (end-to-end, queue, prefill, decode). */
    private static final double[] REQUEST = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0,
            50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0};
    /** vLLM's 1-2-5 token-count buckets (it stops at the model's length; ours at 10^5, beyond every preset). */
    private static final double[] TOKENS = oneTwoFive(100_000);

    private final MeterRegistry registry;
    private final List<Tag> model;
    private final Counter prompt, generation, preemptions;
    private final Timer ttft, tpot, itl, e2e, queue, prefill, decode;
    private final DistributionSummary promptPerRequest, generationPerRequest, maxGeneration;

    /** @param engines the latest stats of each engine of the model (its KV placements) */
    VllmMetrics(MeterRegistry registry, String modelId, Supplier<List<EngineStats>> engines) {
        this.registry = registry;
        this.model = List.of(Tag.of(MODEL_NAME, modelId));
        prompt = counter("prompt_tokens", "prompt tokens of the requests (once per choice, at its first token)");
        generation = counter("generation_tokens", "tokens generated");
        preemptions = counter("num_preemptions", "sequences preempted (recomputed later)");
        ttft = timer("time_to_first_token", "arrival to first token", TTFT);
        tpot = timer("time_per_output_token", "time between two output tokens (vLLM's older name of the ITL)", ITL);
        itl = timer("inter_token_latency", "time between two output tokens", ITL);
        e2e = timer("e2e_request_latency", "arrival to finish", REQUEST);
        queue = timer("request_queue_time", "arrival to first scheduled", REQUEST);
        prefill = timer("request_prefill_time", "first scheduled to first token", REQUEST);
        decode = timer("request_decode_time", "first token to last token", REQUEST);
        promptPerRequest = summary("request_prompt_tokens", "prompt tokens per request", TOKENS);
        generationPerRequest = summary("request_generation_tokens", "tokens generated per request", TOKENS);
        maxGeneration = summary("request_max_num_generation_tokens",
                "tokens of the longest choice of a request (n > 1)", TOKENS);
        gauge("num_requests_running", "sequences holding KV memory", engines, EngineStats::running);
        gauge("num_requests_waiting", "sequences waiting for admission", engines, EngineStats::waiting);
        gauge("kv_cache_usage_perc", "share of the KV pool in use (0..1)", engines, null);
        gauge("gpu_cache_usage_perc", "share of the KV pool in use (0..1; vLLM's older name)", engines, null);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).tags(model).description(description).register(registry);
    }

    private Timer timer(String name, String description, double[] bucketsSeconds) {
        Duration[] slos = new Duration[bucketsSeconds.length];
        for (int i = 0; i < slos.length; i++) {
            slos[i] = Duration.ofNanos(Math.round(bucketsSeconds[i] * 1e9));
        }
        return Timer.builder(PREFIX + name).tags(model).description(description).serviceLevelObjectives(slos)
                .register(registry);
    }

    private DistributionSummary summary(String name, String description, double[] buckets) {
        return DistributionSummary.builder(PREFIX + name).tags(model).description(description)
                .serviceLevelObjectives(buckets).register(registry);
    }

    /** @param f what to sum over the model's engines, or null for the KV usage ratio */
    private void gauge(String name, String description, Supplier<List<EngineStats>> engines,
                       ToDoubleFunction<EngineStats> f) {
        Gauge.builder(PREFIX + name, () -> {
            double sum = 0, used = 0, total = 0;
            for (EngineStats s : engines.get()) {
                if (f != null) {
                    sum += f.applyAsDouble(s);
                }
                used += s.kvUsedBytes();
                total += s.kvTotalBytes();
            }
            return f != null ? sum : total == 0 ? 0 : used / total;
        }).tags(model).description(description).register(registry);
    }

    private static double[] oneTwoFive(long max) {
        List<Double> out = new java.util.ArrayList<>();
        for (long scale = 1; scale <= max; scale *= 10) {
            for (int m : new int[]{1, 2, 5}) {
                if (m * scale <= max) {
                    out.add((double) (m * scale));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void firstToken(long nanos, int promptTokens) {
        ttft.record(nanos, TimeUnit.NANOSECONDS);
        prompt.increment(promptTokens);
    }

    @Override
    public void interToken(long nanos) {
        tpot.record(nanos, TimeUnit.NANOSECONDS);
        itl.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void generated(int tokens) {
        generation.increment(tokens);
    }

    @Override
    public void preempted() {
        preemptions.increment();
    }

    @Override
    public void finished(FinishedSequence f) {
        Counter.builder(PREFIX + "request_success").tags(model).tag("finished_reason", f.reason())
                .description("finished requests (choices) by finish reason").register(registry).increment();
        e2e.record(f.e2eNanos(), TimeUnit.NANOSECONDS);
        promptPerRequest.record(f.promptTokens());
        generationPerRequest.record(f.generatedTokens());
        record(queue, f.queueNanos());
        record(prefill, f.prefillNanos());
        record(decode, f.decodeNanos());
    }

    private static void record(Timer t, long nanos) {
        if (nanos >= 0) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void requestFinished(int maxGeneratedTokens) {
        maxGeneration.record(maxGeneratedTokens);
    }

    /** Removes every meter of this model (it was deleted). */
    void remove() {
        String id = model.getFirst().getValue();
        registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith(PREFIX) && id.equals(m.getId().getTag(MODEL_NAME)))
                .forEach(registry::remove);
    }
}

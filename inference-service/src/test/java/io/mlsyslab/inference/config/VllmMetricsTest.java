package io.mlsyslab.inference.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.engine.GenerationListener;
import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.TokenOutput;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.inference.serving.RandomPresets;
import io.mlsyslab.nn.decode.SamplingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's events reach a Prometheus scrape under vLLM's names with {@code model_name}, with the values the
 * requests imply, and every series vLLM's Grafana dashboard reads exists.
 */
class VllmMetricsTest {

    /** Requests run through engines of a {@link PrometheusMeterRegistry} (Micrometer's default Prometheus naming). */
    private static final class Lab implements AutoCloseable {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final EngineManager manager;

        Lab() {
            AtomicReference<EngineManager> ref = new AtomicReference<>();
            MicrometerEngineObserver observer = new MicrometerEngineObserver(registry, ref::get);
            manager = new EngineManager(id -> Optional.of(RandomPresets.build(id, "tiny", 7)),
                    new EngineConfig(64, 8, 64, 1 << 22, 4, 1, 1, 1), null, observer);
            ref.set(manager);
        }

        void complete(String model, int[] prompt, int maxTokens, int n) throws InterruptedException {
            CountDownLatch done = new CountDownLatch(n);
            InferenceEngine engine = manager.engine(model).orElseThrow();
            engine.submit(new GenerationRequest(prompt, maxTokens, new SamplingConfig(1f, 0, 1f, 5), n, null, null,
                    false, true), new GenerationListener() {
                @Override
                public void onTokens(int choice, List<TokenOutput> tokens) {
                }

                @Override
                public void onFinish(int choice, String reason, String trailingText, int completionTokens) {
                    done.countDown();
                }
            });
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        }

        /** Every sample line of the scrape: {@code name{labels}} to value. */
        Map<String, Double> scrape() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String line : registry.scrape().split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    int space = line.lastIndexOf(' ');
                    out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return out;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    @Test
    void eachVllmSeriesIsScrapedWithModelNameAndTheValuesOfTheRequests() throws Exception {
        try (Lab lab = new Lab()) {
            lab.complete("m1", new int[]{1, 2, 3, 4}, 5, 2);
            lab.complete("m1", new int[]{9, 8, 7}, 7, 1);
            lab.complete("m2", new int[]{5, 5}, 3, 1);
            Map<String, Double> s = awaitIdle(lab);
            String m1 = "{model_name=\"m1\"}";
            assertThat(s.get("vllm:generation_tokens_total" + m1)).isEqualTo(5 + 5 + 7);
            assertThat(s.get("vllm:generation_tokens_total{model_name=\"m2\"}")).isEqualTo(3);
            assertThat(s.get("vllm:prompt_tokens_total" + m1)).isEqualTo(4 + 4 + 3);
            assertThat(s.get("vllm:request_success_total{finished_reason=\"length\",model_name=\"m1\"}"))
                    .isEqualTo(3);
            assertThat(s.get("vllm:num_requests_running" + m1)).isZero();
            assertThat(s.get("vllm:num_requests_waiting" + m1)).isZero();
            assertThat(s.get("vllm:kv_cache_usage_perc" + m1)).isBetween(0.0, 1.0);
            assertThat(s.get("vllm:gpu_cache_usage_perc" + m1)).isBetween(0.0, 1.0);
            assertThat(s.get("vllm:num_preemptions_total" + m1)).isZero();
            assertThat(s.get("vllm:time_to_first_token_seconds_count" + m1)).isEqualTo(3);
            // every token after a choice's first has an inter-token interval
            assertThat(s.get("vllm:time_per_output_token_seconds_count" + m1)).isEqualTo(17 - 3);
            assertThat(s.get("vllm:inter_token_latency_seconds_count" + m1)).isEqualTo(17 - 3);
            for (String perChoice : List.of("e2e_request_latency_seconds", "request_queue_time_seconds",
                    "request_prefill_time_seconds", "request_decode_time_seconds")) {
                assertThat(s.get("vllm:" + perChoice + "_count" + m1)).as(perChoice).isEqualTo(3);
                assertThat(s.get("vllm:" + perChoice + "_sum" + m1)).as(perChoice).isPositive();
            }
            assertThat(s.get("vllm:request_prompt_tokens_sum" + m1)).isEqualTo(11);
            assertThat(s.get("vllm:request_generation_tokens_sum" + m1)).isEqualTo(17);
            assertThat(s.get("vllm:request_generation_tokens_bucket{model_name=\"m1\",le=\"5.0\"}")).isEqualTo(2);
            // per request: the longest of its choices
            assertThat(s.get("vllm:request_max_num_generation_tokens_count" + m1)).isEqualTo(2);
            assertThat(s.get("vllm:request_max_num_generation_tokens_sum" + m1)).isEqualTo(5 + 7);
            assertThat(s.get("vllm:time_to_first_token_seconds_bucket{model_name=\"m1\",le=\"+Inf\"}")).isEqualTo(3);
            // the service-wide meters are still there, over both models
            assertThat(s.get("inference_tokens_generated_total")).isEqualTo(20);
            // a deleted model's series go with it
            lab.manager.evict("m2");
            assertThat(lab.scrape().keySet()).noneMatch(k -> k.contains("model_name=\"m2\""))
                    .anyMatch(k -> k.contains("model_name=\"m1\""));
        }
    }

    @Test
    void everySeriesOfVllmsGrafanaDashboardIsExported() throws Exception {
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(20);
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("vllm:[a-z0-9_]+").matcher(String.join("\n", queries));
        while (m.find()) {
            read.add(m.group());
        }
        try (Lab lab = new Lab()) {
            lab.complete("e2e-vllm", new int[]{1, 2, 3}, 4, 2);
            Set<String> exported = new TreeSet<>();
            for (String series : awaitIdle(lab).keySet()) {
                if (series.contains("model_name=\"e2e-vllm\"")) {
                    exported.add(series.substring(0, series.indexOf('{')));
                }
            }
            assertThat(exported).containsAll(read);
        }
    }

    /** The dashboard's queries (test resource {@code vllm/grafana-dashboard-queries.txt}, title TAB query). */
    static List<String> dashboardQueries() throws Exception {
        Path file = Path.of(VllmMetricsTest.class.getResource("/vllm/grafana-dashboard-queries.txt").toURI());
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(l.indexOf('\t') + 1)).toList();
    }

    /**
     * The scrape once every engine published its idle stats: an iteration's counters are updated before its stats
     * are published, after its listeners heard of the last finish.
     */
    private static Map<String, Double> awaitIdle(Lab lab) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Double> s = lab.scrape();
        while (s.entrySet().stream().anyMatch(e -> e.getKey().startsWith("vllm:num_requests_running")
                && e.getValue() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            s = lab.scrape();
        }
        return s;
    }
}

package io.mlsyslab.inference.bench;

import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.serving.RandomPresets;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server end to end vs the engine alone (issue 9, item 9): the same seeded offline workload (token-id prompts,
 * greedy, fixed output length) sent as concurrent {@code POST /v1/completions} calls through the gateway of a
 * running lab ({@code ./lab up}), and run through the engine in this JVM with the service's default engine settings
 * (max-batched-tokens 512, 32 running, 256 MB KV, all cores for GEMMs, sequential pipeline). Interleaved for
 * {@code rounds} rounds; prints output tokens/s of both, their ratio, and whether the served greedy tokens equal the
 * in-process ones. Arguments are {@code key=value} (see {@link #DEFAULTS}); the API key is read from
 * {@code key=} or {@code ~/.mlsys-lab/api-key}. Run it through {@code inference-service/scripts/e2e-bench.sh}.
 */
public final class GatewayVsEngineMain {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("gateway", "http://127.0.0.1:8080");
        DEFAULTS.put("key", "");
        DEFAULTS.put("preset", "medium");
        DEFAULTS.put("seed", "1");
        DEFAULTS.put("requests", "32");
        DEFAULTS.put("prompt", "128");
        DEFAULTS.put("output", "64");
        DEFAULTS.put("rounds", "2");
        DEFAULTS.put("computeThreads", "0");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = OffloadBenchMain.arguments(DEFAULTS, args);
        String key = a.get("key").isEmpty()
                ? Files.readString(Path.of(System.getProperty("user.home"), ".mlsys-lab", "api-key")).trim()
                : a.get("key");
        System.out.println("cpu: " + OffloadBenchMain.cpu() + "; load average before: "
                + OffloadBenchMain.loadAverage());
        System.out.println("arguments: " + a.entrySet().stream().filter(e -> !e.getKey().equals("key")).toList());
        int code = compare(a.get("gateway"), key, a.get("preset"), Long.parseLong(a.get("seed")),
                Integer.parseInt(a.get("requests")), Integer.parseInt(a.get("prompt")),
                Integer.parseInt(a.get("output")), Integer.parseInt(a.get("rounds")),
                Integer.parseInt(a.get("computeThreads"))).equal() ? 0 : 2;
        System.exit(code);
    }

    /** Ratios (served / in-process output tokens/s) per round, and whether all served tokens equal the engine's. */
    record Comparison(List<Double> ratios, boolean equal) {
    }

    /**
     * Runs the comparison against the OpenAI API under {@code baseUrl} (a gateway, or the service itself), printing
     * one line per round. The in-process engine uses the service's default engine settings with
     * {@code computeThreads} GEMM threads (0: all cores).
     */
    static Comparison compare(String gw, String key, String preset, long seed, int requests, int prompt, int output,
                              int rounds, int threads) throws Exception {
        String model = "bench-" + preset + "-" + seed;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        JsonMapper json = JsonMapper.builder().build();
        register(http, json, gw, key, model, preset, seed);

        Gpt2Model weights = RandomPresets.build(model, preset, seed).model();
        Workload workload = Workload.generate(requests, "offline", 0, "fixed", prompt, output, 1,
                weights.config().nPositions(), weights.config().vocabSize(), seed);
        EngineConfig config = new EngineConfig(512, 32, 256, 256L * 1024 * 1024, 16, 1,
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, 1);
        List<Double> ratios = new ArrayList<>();
        boolean equal = true;
        for (int round = 1; round <= rounds; round++) {
            BenchResult engine = ServingBenchmark.run(weights, config, workload, SamplingConfig.greedy(), () -> false,
                    done -> { });
            Served served = serve(http, json, gw, key, model, workload);
            double ratio = served.outputTokensPerSecond() / engine.outputTokensPerSecond();
            ratios.add(ratio);
            for (int i = 0; i < requests; i++) {
                equal &= Arrays.equals(served.outputs().get(i), engine.outputs().get(i));
            }
            System.out.printf("round %d  engine in-process %6.2f s %7.0f out tok/s | through %s %6.2f s "
                            + "%7.0f out tok/s | served / engine %.2f  (load %s)%n", round, engine.wallSeconds(),
                    engine.outputTokensPerSecond(), gw, served.wallSeconds(), served.outputTokensPerSecond(), ratio,
                    OffloadBenchMain.loadAverage());
        }
        System.out.println("greedy token ids served == in-process: " + equal);
        System.out.printf("RESULT served end to end / engine alone (output tok/s): rounds %s%n",
                ratios.stream().map(x -> String.format("%.2f", x)).toList());
        System.out.println("load average after: " + OffloadBenchMain.loadAverage());
        return new Comparison(ratios, equal);
    }

    private record Served(double wallSeconds, double outputTokensPerSecond, List<int[]> outputs) {
    }

    /**
     * {@code request} also signed with the test secret, so it reaches a service under test directly; a gateway
     * strips these headers and signs for the key itself.
     */
    private static HttpRequest signed(HttpRequest request) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
        io.mlsyslab.platform.test.TestSigning.adminHeaders(request.method(), request.uri()).forEach(copy::header);
        return copy.build();
    }

    /** Registers the seeded random preset (201), or finds it registered (409). */
    private static void register(HttpClient http, JsonMapper json, String gw, String key, String model,
                                 String preset, long seed) throws Exception {
        String body = json.writeValueAsString(Map.of("name", model, "preset", preset, "seed", seed));
        HttpResponse<String> r = http.send(signed(HttpRequest.newBuilder(URI.create(gw + "/api/inference/models"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("registering " + model + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** All requests at once, one HTTP call each (virtual threads), non-streamed. */
    private static Served serve(HttpClient http, JsonMapper json, String gw, String key, String model,
                                Workload workload) throws Exception {
        List<Future<int[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Workload.Request r : workload.requests()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("model", model);
                body.put("prompt", r.prompt());
                body.put("max_tokens", r.outputTokens());
                body.put("temperature", 0);
                body.put("ignore_eos", true);
                String text = json.writeValueAsString(body);
                futures.add(pool.submit(() -> {
                    HttpResponse<String> res = http.send(signed(HttpRequest.newBuilder(
                                    URI.create(gw + "/api/inference/v1/completions"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(text)).build()),
                            HttpResponse.BodyHandlers.ofString());
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException("completion: " + res.statusCode() + " " + res.body());
                    }
                    JsonNode ids = json.readTree(res.body()).get("choices").get(0).get("token_ids");
                    int[] out = new int[ids.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = ids.get(i).asInt();
                    }
                    return out;
                }));
            }
            List<int[]> outputs = new ArrayList<>();
            long tokens = 0;
            for (Future<int[]> f : futures) {
                int[] o = f.get();
                outputs.add(o);
                tokens += o.length;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return new Served(wall, tokens / wall, outputs);
        }
    }
}

package io.mlsyslab.inference.bench;

import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.engine.PagedKvCache;
import io.mlsyslab.inference.serving.StorageKvBackend;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.storage.client.StorageKvClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nano-batch vs sequential with the KV offloaded to storage-service (issue 9, item 9): starts its own
 * storage-service process (built exec jar, embedded PostgreSQL, {@code storageThreads} attention threads, pinned to
 * CPU {@code storageCpu} when given), builds a random-weight GPT-2 of the given shape, and runs the same seeded
 * offline workload through the engine with each pipeline, interleaved for {@code rounds} rounds; prints each run,
 * the per-round ratio nano-batch(k) / sequential of total tokens/s, and whether the greedy outputs of all runs are
 * identical. Arguments are {@code key=value}; see {@link #DEFAULTS}. Run it through
 * {@code inference-service/scripts/offload-bench.sh}.
 */
public final class OffloadBenchMain {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("layers", "2");
        DEFAULTS.put("width", "2048");
        DEFAULTS.put("heads", "16");
        DEFAULTS.put("requests", "1");
        DEFAULTS.put("prompt", "2048");
        DEFAULTS.put("output", "64");
        // NanoFlow's dense batch: 2048 tokens per iteration, so the 2048-token prompt is one iteration that the
        // pipeline splits into nano-batches (with 512 it is four iterations, each ending in a pipeline drain)
        DEFAULTS.put("maxBatched", "2048");
        DEFAULTS.put("rounds", "3");
        DEFAULTS.put("pipelines", "sequential,nano-batch(2),nano-batch(4),nano-batch(8)");
        DEFAULTS.put("computeThreads", "1");
        DEFAULTS.put("storageThreads", "1");
        DEFAULTS.put("storageCpu", "");
        DEFAULTS.put("dataDir", "");
        DEFAULTS.put("storage", "");
        DEFAULTS.put("seed", "1");
        DEFAULTS.put("warmup", "true");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(DEFAULTS, args);
        int layers = i(a, "layers"), width = i(a, "width"), heads = i(a, "heads"), requests = i(a, "requests");
        int prompt = i(a, "prompt"), output = i(a, "output"), rounds = i(a, "rounds");
        long seed = Long.parseLong(a.get("seed"));
        List<String> pipelines = List.of(a.get("pipelines").split(","));
        System.out.println("cpu: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores; load "
                + "average before: " + loadAverage());
        System.out.println("arguments: " + a);
        GptConfig shape = new GptConfig(256, prompt + output, width, layers, heads, 1e-5f);
        Gpt2Model model = Gpt2Model.initialize(shape, seed);
        Workload workload = Workload.generate(requests, "offline", 0, "fixed", prompt, output, 1, shape.nPositions(),
                shape.vocabSize(), seed);
        long tokens = (long) requests * (prompt + output);
        System.out.printf("model: %d layers x width %d, %d heads, %.1f M parameters; workload: %d requests x (%d "
                        + "prompt + %d output) tokens, offline, greedy; max-batched-tokens %s%n", layers, width, heads,
                model.params().data().length / 1e6, requests, prompt, output, a.get("maxBatched"));
        StorageProcess storage = null;
        String url = a.get("storage");
        Path dir = null;
        if (url.isEmpty()) {
            // default: storage's pages on tmpfs, so its per-append fsync does not measure this machine's disk
            // (shared with other builds); dataDir=/tmp (or any disk path) includes it
            String base = a.get("dataDir").isEmpty() && Files.isDirectory(Path.of("/dev/shm")) ? "/dev/shm"
                    : a.get("dataDir");
            dir = base.isEmpty() ? Files.createTempDirectory("offload-bench")
                    : Files.createTempDirectory(Path.of(base), "offload-bench");
            storage = StorageProcess.start(i(a, "storageThreads"), a.get("storageCpu").isEmpty() ? null
                    : a.get("storageCpu"), dir);
            url = storage.url();
            System.out.println("storage-service started at " + url + " (data " + dir + ", "
                    + a.get("storageThreads") + " compute threads" + (a.get("storageCpu").isEmpty() ? ""
                    : ", pinned to CPU " + a.get("storageCpu")) + ")");
        }
        StorageKvClient client = new StorageKvClient(URI.create(url), Duration.ofSeconds(120),
                io.mlsyslab.platform.test.TestSigning.asService("inference")::headers);
        try {
            if (Boolean.parseBoolean(a.get("warmup"))) {
                // JIT-compiles both JVMs' kernels before anything is timed: a short request through each pipeline
                Workload small = Workload.generate(1, "offline", 0, "fixed", 256, 8, 1, shape.nPositions(),
                        shape.vocabSize(), seed + 1);
                long t0 = System.nanoTime();
                for (String pipeline : pipelines) {
                    run(model, shape, small, pipeline, 512, i(a, "computeThreads"), client);
                }
                System.out.printf("warm-up (1 x (256 + 8) tokens through each pipeline): %.1f s%n",
                        (System.nanoTime() - t0) / 1e9);
            }
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            List<BenchResult> all = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                BenchResult base = null;
                for (String pipeline : pipelines) {
                    BenchResult r = run(model, shape, workload, pipeline, i(a, "maxBatched"),
                            i(a, "computeThreads"), client);
                    all.add(r);
                    String ratio = "-";
                    if (pipeline.equals("sequential") && base == null) {
                        base = r;
                    } else if (base != null) {
                        double x = r.totalTokensPerSecond() / base.totalTokensPerSecond();
                        ratios.computeIfAbsent(pipeline, p -> new ArrayList<>()).add(x);
                        ratio = String.format("%.2f", x);
                    }
                    System.out.printf("round %d  %-14s %7.2f s  total %7.0f tok/s  output %6.1f tok/s  TTFT p50 "
                                    + "%6.2f s  TPOT p50 %7.1f ms  rows/iter %5.1f  busy compute %.2f network %.2f"
                                    + " both %.2f  vs sequential %s  (load %s)%n", round, r.pipeline(), r.wallSeconds(),
                            r.totalTokensPerSecond(), r.outputTokensPerSecond(), r.ttftP50Seconds(),
                            r.tpotP50Seconds() * 1e3, r.meanBatchRows(), r.busyShare().compute(),
                            r.busyShare().network(), r.busyShare().overlap(), ratio, loadAverage());
                }
            }
            boolean equal = true;
            for (BenchResult r : all) {
                for (int q = 0; q < requests; q++) {
                    equal &= Arrays.equals(r.outputs().get(q), all.getFirst().outputs().get(q));
                }
            }
            System.out.println("greedy outputs identical across all runs: " + equal + " (" + tokens
                    + " tokens per run)");
            for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
                double[] sorted = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                int n = sorted.length;
                double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                System.out.printf("RESULT %s / sequential (total tok/s): rounds %s, median %.2f, min %.2f, max %.2f%n",
                        e.getKey(), e.getValue().stream().map(x -> String.format("%.2f", x)).toList(), median,
                        sorted[0], sorted[n - 1]);
            }
            System.out.println("load average after: " + loadAverage());
            if (!equal) {
                System.exit(2);
            }
        } finally {
            if (storage != null) {
                storage.close();
                StorageProcess.deleteTree(dir);
            }
        }
        System.exit(0);
    }

    /** One pipeline over the workload on a fresh engine whose KV lives in storage. */
    private static BenchResult run(Gpt2Model model, GptConfig shape, Workload workload, String pipeline,
                                   int maxBatched, int computeThreads, StorageKvClient client) throws Exception {
        int k = pipeline.equals("sequential") ? 1
                : Integer.parseInt(pipeline.replaceAll("nano-batch\\((\\d+)\\)", "$1"));
        int requests = workload.requests().size();
        long positions = 0;
        for (Workload.Request r : workload.requests()) {
            positions += r.prompt().length + r.outputTokens() + 16;
        }
        // the admission budget holds every request's whole context (an offloading engine never allocates it)
        long kvBytes = PagedKvCache.bytesPerPosition(shape.nLayer(), shape.nHead(), shape.headDim()) * positions;
        EngineConfig config = new EngineConfig(maxBatched, requests, requests, kvBytes, 16, k, computeThreads, 1);
        return ServingBenchmark.run(model, config, workload, SamplingConfig.greedy(),
                cache -> new StorageKvBackend(client, shape, config.maxRunning()), () -> false, done -> { });
    }

    /** {@code defaults} overridden by {@code key=value} arguments; an unknown key is an error naming the known ones. */
    static Map<String, String> arguments(Map<String, String> defaults, String[] args) {
        Map<String, String> a = new LinkedHashMap<>(defaults);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !defaults.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("argument " + arg + ": expected key=value with key in "
                        + defaults.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return a;
    }

    private static int i(Map<String, String> a, String key) {
        return Integer.parseInt(a.get(key));
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}

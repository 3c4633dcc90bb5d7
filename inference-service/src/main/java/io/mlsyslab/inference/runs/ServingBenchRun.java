package io.mlsyslab.inference.runs;

import io.mlsyslab.inference.bench.BenchResult;
import io.mlsyslab.inference.bench.ServingBenchmark;
import io.mlsyslab.inference.bench.Workload;
import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.serving.StorageKvBackend;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.security.ServiceCallSigner;
import io.mlsyslab.storage.client.SequenceHandle;
import io.mlsyslab.storage.client.StorageClientException;
import io.mlsyslab.storage.client.StorageKvClient;
import java.net.URI;
import io.mlsyslab.inference.serving.RandomPresets;
import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code serving-bench}: drives the real engine (a seeded random-weight model of a preset) with a
 * workload over each requested pipeline and reports throughput, TTFT / TPOT percentiles, batch sizes and each
 * executor's busy share. Metric series {@code time.to.first.token} and {@code time.per.output.token} hold one
 * sample per request (step = pipeline index × requests + request index; seconds), also per pipeline as
 * {@code time.to.first.token.<pipeline>}; {@code chart.svg} compares output tokens/s.
 */
@Component
public class ServingBenchRun implements RunKind<ServingBenchParams, ServingBenchResult> {
    private final ServicesProperties services;
    private final ServiceCallSigner signer;

    public ServingBenchRun(ServicesProperties services, ServiceCallSigner signer) {
        this.services = services;
        this.signer = signer;
    }

    @Override
    public String name() {
        return "serving-bench";
    }

    @Override
    public String description() {
        return "Serving benchmark of the inference engine: offline or Poisson workloads with fixed or "
                + "ShareGPT/LMSYS-shaped lengths over sequential vs nano-batch pipelines; tokens/s, TTFT, TPOT";
    }

    @Override
    public Class<ServingBenchParams> paramsType() {
        return ServingBenchParams.class;
    }

    @Override
    public ServingBenchResult execute(ServingBenchParams p, RunContext ctx) throws Exception {
        Gpt2Model model = RandomPresets.build(p.preset(), p.preset(), p.seed()).model();
        Workload workload = Workload.generate(p.requests(), p.arrival(), p.rate(), p.lengths(), p.promptTokens(),
                p.outputTokens(), p.lengthScale(), model.config().nPositions(), model.config().vocabSize(),
                p.seed());
        long promptTokens = 0, outputTokens = 0;
        for (Workload.Request r : workload.requests()) {
            promptTokens += r.prompt().length;
            outputTokens += r.outputTokens();
        }
        StorageKvClient storage = "storage".equals(p.kvOffload()) ? storage() : null;
        int threads = p.computeThreads() == 0 ? Runtime.getRuntime().availableProcessors() : p.computeThreads();
        SamplingConfig sampling = new SamplingConfig(p.temperature().floatValue(), 0, 1f, p.seed());
        List<ServingBenchResult.Pipeline> pipelines = new ArrayList<>();
        List<BenchResult> raw = new ArrayList<>();
        int total = p.pipelines().size() * p.requests();
        for (int pi = 0; pi < p.pipelines().size(); pi++) {
            String name = p.pipelines().get(pi);
            EngineConfig config = new EngineConfig(p.maxBatchedTokens(), p.maxRunning(), p.requests(),
                    (long) p.kvCacheMb() * 1024 * 1024, 16, ServingBenchParams.nanoBatches(name), threads,
                    p.attentionThreads());
            int base = pi * p.requests();
            BenchResult r;
            try {
                r = ServingBenchmark.run(model, config, workload, sampling, storage == null ? null
                                : cache -> new StorageKvBackend(storage, model.config(), config.maxRunning()),
                        ctx::isCancelled, done -> ctx.progress((base + done) / (double) total));
            } catch (InterruptedException e) {
                throw new RunCancelledException("serving-bench cancelled");
            }
            ctx.checkCancelled();
            raw.add(r);
            String label = name.replace("(", "-").replace(")", "");
            for (int i = 0; i < r.ttftSeconds().length; i++) {
                ctx.metric("time.to.first.token", base + i, r.ttftSeconds()[i]);
                ctx.metric("time.to.first.token." + label, i, r.ttftSeconds()[i]);
                if (Double.isFinite(r.tpotSeconds()[i])) {
                    ctx.metric("time.per.output.token", base + i, r.tpotSeconds()[i]);
                    ctx.metric("time.per.output.token." + label, i, r.tpotSeconds()[i]);
                }
            }
            ctx.metric("output.tokens.per.second", pi, r.outputTokensPerSecond());
            Double speedup = pi == 0 ? null : r.outputTokensPerSecond() / raw.getFirst().outputTokensPerSecond();
            pipelines.add(new ServingBenchResult.Pipeline(r.pipeline(), r.wallSeconds(), r.outputTokensPerSecond(),
                    r.totalTokensPerSecond(), r.ttftP50Seconds(), r.ttftP99Seconds(), r.tpotP50Seconds(),
                    r.tpotP99Seconds(), r.iterations(), r.meanBatchRows(), r.maxBatchRows(), r.preemptions(),
                    r.busyShare().compute(), r.busyShare().memory(), r.busyShare().network(), speedup));
        }
        Boolean equal = null;
        if (p.temperature() == 0) {
            equal = true;
            for (BenchResult r : raw) {
                for (int i = 0; i < p.requests(); i++) {
                    equal &= Arrays.equals(r.outputs().get(i), raw.getFirst().outputs().get(i));
                }
            }
        }
        SvgChart chart = SvgChart.bars("serving-bench: " + p.preset() + ", " + p.requests() + " requests, "
                + p.arrival() + ", " + p.lengths() + ", kvOffload " + p.kvOffload(), "output tokens/s", p.pipelines());
        chart.bars("output tokens/s", pipelines.stream().mapToDouble(ServingBenchResult.Pipeline::outputTokensPerSecond)
                .toArray());
        ctx.artifact("chart.svg", "image/svg+xml", chart.toBytes());
        return new ServingBenchResult(p.preset(), model.params().data().length, p.requests(), promptTokens,
                outputTokens, cpuModel(), pipelines, equal, p.kvOffload());
    }

    /** storage-service's client, after checking that it answers (a clear failure instead of failed requests). */
    private StorageKvClient storage() {
        String url = services.urls().get("storage");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("kvOffload: storage needs mlsyslab.services.urls.storage");
        }
        StorageKvClient client = new StorageKvClient(URI.create(url), services.readTimeout(), signer::headers);
        try {
            SequenceHandle probe = client.create(1, 1, 8, KvFormat.F32);
            client.delete(probe.id());
        } catch (StorageClientException e) {
            throw new IllegalStateException("kvOffload: storage-service at " + url + " is not usable: "
                    + e.getMessage(), e);
        }
        return client;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + " × "
                            + Runtime.getRuntime().availableProcessors();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch") + " × " + Runtime.getRuntime().availableProcessors();
    }
}

package io.mlsyslab.storage.offload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Sweeps every system over the batch sizes and derives the paper's ratios (InstAttention Figs. 14-20).
 * Fixed-batch ratios (e.g. "at bs=64") evaluate the model at that batch even when it is not in the sweep; "best"
 * means the best point of the sweep.
 */
public final class OffloadStudy {

    /** Drive count of the paper's scaling experiment (Fig. 20a). */
    static final int SCALING_DRIVES = 20;

    private final StudyConfig config;
    private final OffloadModel model;
    private final Map<String, Estimate> cache = new HashMap<>();

    public OffloadStudy(StudyConfig config, Hardware hardware) {
        this.config = config;
        this.model = new OffloadModel(config.model(), hardware, config.inputTokens(), config.outputTokens());
    }

    public OffloadModel model() {
        return model;
    }

    /** Result of a study. */
    public record Report(List<Series> series, List<Ratio> ratios) {

        public boolean headlinesWithinTolerance() {
            return ratios.stream().filter(Ratio::headline).allMatch(r -> Boolean.TRUE.equals(r.withinTolerance()));
        }

        public Series series(String system) {
            return series.stream().filter(s -> s.system().equals(system)).findFirst().orElseThrow();
        }
    }

    /**
     * Runs the sweep.
     *
     * @param progress   receives the fraction done after each point
     * @param checkpoint called between points (the run kind checks cancellation there)
     */
    public Report run(DoubleConsumer progress, Runnable checkpoint) {
        List<String> systems = systems();
        List<Series> series = new ArrayList<>();
        int total = systems.size() * config.batches().size();
        int done = 0;
        for (String system : systems) {
            List<Estimate> points = new ArrayList<>();
            for (int b : config.batches()) {
                checkpoint.run();
                points.add(estimate(system, b));
                progress.accept(++done / (double) total);
            }
            series.add(new Series(system, describe(system), points));
        }
        return new Report(series, ratios());
    }

    public List<String> systems() {
        int n = config.drives();
        return List.of("deepspeed", "flexgen", "instinfer-1", "instinfer-sparf-1", "instinfer-" + n,
                "instinfer-sparf-" + n);
    }

    static String describe(String system) {
        if (system.equals("deepspeed")) {
            return "DeepSpeed ZeRO-Inference, weights streamed from host DRAM, KV in host DRAM, attention on the CPU";
        }
        if (system.equals("flexgen")) {
            return "FlexGen, weights on the GPU, KV on a Samsung 980 PRO, attention on the GPU";
        }
        String drives = system.substring(system.lastIndexOf('-') + 1);
        return (system.contains("sparf") ? "InstInfer-SparF" : "InstInfer dense") + ", attention in " + drives
                + " computational drive(s)";
    }

    /** One system at one batch, memoised. */
    public Estimate estimate(String system, int b) {
        String key = system + "@" + b;
        Estimate cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Estimate e;
        if (system.equals("deepspeed")) {
            e = model.deepspeed(b);
        } else if (system.equals("flexgen")) {
            e = model.flexgen(b);
        } else if (system.startsWith("instinfer-sparf-")) {
            e = model.instinfer(b, Integer.parseInt(system.substring("instinfer-sparf-".length())),
                    config.sparsityRatio());
        } else if (system.startsWith("instinfer-")) {
            e = model.instinfer(b, Integer.parseInt(system.substring("instinfer-".length())), null);
        } else {
            throw new IllegalArgumentException("system: unknown '" + system + "'");
        }
        cache.put(key, e);
        return e;
    }

    Double throughput(String system, int b) {
        return estimate(system, b).tokensPerSecond();
    }

    /** Best throughput of a system over the sweep; null when no point fits. */
    Double best(String system) {
        return config.batches().stream().map(b -> throughput(system, b)).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
    }

    static Double div(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    private List<Ratio> ratios() {
        ModelSpec m = config.model();
        boolean paper = config.matchesPaper();
        int n = config.drives();
        List<Ratio> out = new ArrayList<>();
        Function<Double, Double> p = v -> paper ? v : null;
        if (m.equals(ModelSpec.OPT_13B)) {
            out.add(Ratio.of("instinfer-vs-flexgen-bs64", "InstInfer (1 drive, dense) / FlexGen, both at bs=64",
                    div(throughput("instinfer-1", 64), throughput("flexgen", 64)), p.apply(6.85), true, "Fig. 14"));
            out.add(Ratio.of("sparf-vs-flexgen-max", "max over swept batches where both run of InstInfer-SparF "
                    + "(1 drive) / FlexGen at the same batch", sparfOverFlexgenMax(), p.apply(11.1), true,
                    "abstract, Fig. 14"));
            out.add(Ratio.of("instinfer-" + n + "-drives-bs256-vs-flexgen-best", "InstInfer (" + n
                    + " drives, dense) at bs=256 / FlexGen's best swept point", div(throughput("instinfer-" + n, 256),
                    best("flexgen")), n == 2 ? p.apply(10.5) : null, true, "Fig. 15"));
            out.add(Ratio.of("instinfer-best-vs-deepspeed-best", "InstInfer (1 drive, dense) best / DeepSpeed best "
                    + "(paper: +4.6 %)", div(best("instinfer-1"), best("deepspeed")), p.apply(1.046), true, "Fig. 14"));
            out.add(Ratio.of("sparf-vs-dense-bs256", "InstInfer-SparF / InstInfer dense, 1 drive, bs=256",
                    div(throughput("instinfer-sparf-1", 256), throughput("instinfer-1", 256)), p.apply(2.08), false,
                    "Fig. 14"));
            out.add(Ratio.of("deepspeed-drop-bs16-to-bs32", "DeepSpeed bs=16 / bs=32 (host-memory spill)",
                    div(throughput("deepspeed", 16), throughput("deepspeed", 32)), p.apply(32.6), false, "Fig. 14"));
            out.add(Ratio.of("instinfer-20-vs-1-drive-dense-bs256", "InstInfer dense, 20 drives / 1 drive, bs=256",
                    div(throughput("instinfer-" + SCALING_DRIVES, 256), throughput("instinfer-1", 256)),
                    p.apply(8.99), false, "Fig. 20a"));
            out.add(Ratio.of("instinfer-20-vs-1-drive-sparf-bs256", "InstInfer-SparF, 20 drives / 1 drive, bs=256",
                    div(throughput("instinfer-sparf-" + SCALING_DRIVES, 256), throughput("instinfer-sparf-1", 256)),
                    p.apply(7.29), false, "Fig. 20a"));
            out.add(share("flexgen", 64, p.apply(0.989), "Fig. 18"));
            out.add(share("instinfer-1", 64, p.apply(0.807), "Fig. 18"));
            out.add(share("instinfer-2", 64, p.apply(0.764), "Fig. 18"));
            out.add(share("instinfer-sparf-1", 64, p.apply(0.823), "Fig. 19"));
            out.add(share("instinfer-sparf-2", 64, p.apply(0.740), "Fig. 19"));
        } else if (m.equals(ModelSpec.OPT_30B)) {
            out.add(Ratio.of("instinfer-bs128-vs-flexgen-bs8", "InstInfer (1 drive) at bs=128 / FlexGen at bs=8",
                    div(throughput("instinfer-1", 128), throughput("flexgen", 8)), p.apply(4.09), false, "Fig. 16"));
            out.add(Ratio.of("sparf-bs128-vs-flexgen-bs8", "InstInfer-SparF (1 drive) at bs=128 / FlexGen at bs=8",
                    div(throughput("instinfer-sparf-1", 128), throughput("flexgen", 8)), p.apply(9.39), false,
                    "Fig. 16"));
        } else {
            out.add(Ratio.of("instinfer-bs128-vs-flexgen-bs16", "InstInfer (1 drive) at bs=128 / FlexGen at bs=16",
                    div(throughput("instinfer-1", 128), throughput("flexgen", 16)), p.apply(5.68), false, "Fig. 17"));
            out.add(Ratio.of("sparf-bs128-vs-flexgen-bs16", "InstInfer-SparF (1 drive) at bs=128 / FlexGen at bs=16",
                    div(throughput("instinfer-sparf-1", 128), throughput("flexgen", 16)), p.apply(12.48), false,
                    "Fig. 17"));
        }
        return out;
    }

    private Double sparfOverFlexgenMax() {
        Double max = null;
        for (int b : config.batches()) {
            Double r = div(throughput("instinfer-sparf-1", b), throughput("flexgen", b));
            if (r != null && (max == null || r > max)) {
                max = r;
            }
        }
        return max;
    }

    private Ratio share(String system, int b, Double paper, String source) {
        return Ratio.of("kv-share-" + system + "-bs64", "share of decode time on KV access, " + system + ", bs=" + b,
                estimate(system, b).kvAccessShare(), paper, false, source);
    }
}

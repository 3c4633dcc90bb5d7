package io.mlsyslab.inference.nanoflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole study of the {@code nanoflow-model} run kind: the closed forms, one searched pipeline and three
 * execution plans per workload, and every reproduced number next to the paper's.
 */
public final class NanoflowStudy {

    /**
     * What to study.
     *
     * @param model          model config
     * @param gpu            GPU profile
     * @param gpus           tensor-parallel GPUs
     * @param workloads      workloads
     * @param denseBatch     dense token budget per iteration
     * @param minNanoBatches search lower bound of nano-batches per half layer
     * @param maxNanoBatches search upper bound
     * @param shareStep      share grid step of the search
     */
    public record Request(ModelConfig model, GpuProfile gpu, int gpus, List<Workload> workloads, int denseBatch,
                          int minNanoBatches, int maxNanoBatches, double shareStep) {
    }

    /**
     * The closed forms (Table 2 at its reconstructed batch, Eq. 5, Fig. 3, Fig. 2) for the requested hardware.
     *
     * @param table2                   per-operation estimate and totals
     * @param table2SequentialMs       Table 2's operations one after another with the Table 2 efficiencies
     * @param table2SequentialTokensPerGpu 2048 tokens over that time, per GPU
     * @param optimalTokensPerGpu      Eq. 5 at the sustained rate (260 TFLOP/s on an A100)
     * @param optimalAtTextFlops       Eq. 5 at the paper text's 280 TFLOP/s (2000 for a 70B model)
     * @param optimalNote              why the two differ
     * @param memoryBoundRatio         Eq. 4 T_R per workload at the memory-filling batch (Fig. 3)
     * @param networkComputeRatio      T_net / T_compute (Fig. 2)
     */
    public record ClosedFormsReport(List<ClosedForms.Table2Row> table2, double table2SequentialMs,
                                    double table2SequentialTokensPerGpu, double optimalTokensPerGpu,
                                    double optimalAtTextFlops, String optimalNote,
                                    Map<String, Double> memoryBoundRatio, double networkComputeRatio) {
    }

    /**
     * The study's outcome.
     *
     * @param closedForms  closed forms
     * @param predictions  one per workload
     * @param comparisons  every reproduced number next to the paper's (only where the setup is the paper's)
     */
    public record Report(ClosedFormsReport closedForms, List<WorkloadPrediction> predictions,
                         List<Comparison> comparisons) {
    }

    public static final String OPTIMAL_NOTE = "Eq. 5 is Compute / (2 P). The paper's text takes 280 TFLOP/s "
            + "(CUTLASS-profiled A100) and P = 70e9, which gives 280e12 / 140e9 = 2000 tokens/s/GPU, yet the paper and "
            + "its code (optimal_thorughput = 1857) use 1857, which needs 260 TFLOP/s; the implied optima of Fig. 11 "
            + "need the same 260-266. This model uses 260 TFLOP/s (260/312 of peak on every GPU) to match the "
            + "figures, and reports the 2000 as well.";

    private NanoflowStudy() {
    }

    /** Runs the study; {@code afterWorkload} is called after each workload (for progress and cancellation). */
    public static Report run(Request r, Consumer<WorkloadPrediction> afterWorkload) {
        CostModel cm = new CostModel(r.model(), r.gpu(), r.gpus(), 2);
        NanoflowModel model = new NanoflowModel(cm, r.denseBatch());
        ClosedFormsReport closed = closedForms(cm, r.workloads());
        List<WorkloadPrediction> predictions = new ArrayList<>();
        for (Workload w : r.workloads()) {
            WorkloadPrediction p = predict(model, w, r.minNanoBatches(), r.maxNanoBatches(), r.shareStep());
            predictions.add(p);
            afterWorkload.accept(p);
        }
        return new Report(closed, predictions, comparisons(r, closed, predictions));
    }

    static ClosedFormsReport closedForms(CostModel cm, List<Workload> workloads) {
        BatchMix mix = ClosedForms.TABLE2_MIX;
        double seq = 0;
        for (List<OpKind> row : ClosedForms.TABLE2_ROWS) {
            for (OpKind k : row) {
                seq += cm.soloSeconds(k, mix) * cm.model().layers();
            }
        }
        Map<String, Double> tr = new LinkedHashMap<>();
        for (Workload w : workloads) {
            tr.put(w.name(), ClosedForms.memoryBoundRatio(cm.model(), cm.gpu(), cm.gpus(), w));
        }
        double opt = ClosedForms.optimalTokensPerGpu(cm.model(), cm.gpu().effectiveFlops());
        double opt280 = ClosedForms.optimalTokensPerGpu(cm.model(),
                PaperFigures.TEXT_FLOPS * cm.gpu().flops() / GpuProfile.A100_80G.flops());
        return new ClosedFormsReport(ClosedForms.table2(cm, mix), seq * 1e3, mix.tokens() / seq / cm.gpus(), opt,
                opt280, OPTIMAL_NOTE, tr, ClosedForms.networkComputeRatio(cm.model(), cm.gpu(), cm.gpus()));
    }

    /** Searches the pipeline for one workload and evaluates the three execution plans on all layers. */
    public static WorkloadPrediction predict(NanoflowModel model, Workload w, int minK, int maxK, double step) {
        CostModel cm = model.costModel();
        BatchMix b = model.batch(w);
        ScheduleSearch.Outcome o = model.search(w, minK, maxK, step);
        Schedule s = o.schedule();
        double nanoflowSeconds = model.iterationSeconds(b, s);
        double flops = 0;
        for (OpKind k : OpKind.values()) {
            flops += cm.modelCost(k, b).flops();
        }
        double opt = model.optimalTokensPerGpu();
        double nf = b.tokens() / nanoflowSeconds / cm.gpus();
        return new WorkloadPrediction(w.name(), w.prompt(), w.decode(), b.tokens(), b.decodeTokens(), s,
                o.evaluated(), model.tokensPerGpu(b, Schedule.SEQUENTIAL), model.tokensPerGpu(b, s.withoutOverlap()),
                nf, opt, nf / opt, nanoflowSeconds * 1e3, flops / (nanoflowSeconds * cm.compute()));
    }

    static List<Comparison> comparisons(Request r, ClosedFormsReport c, List<WorkloadPrediction> predictions) {
        List<Comparison> out = new ArrayList<>();
        boolean paper = PaperFigures.isPaperSetup(r.model(), r.gpu(), r.gpus(), r.denseBatch());
        if (r.model().equals(ModelConfig.LLAMA2_70B) && r.gpu().equals(GpuProfile.A100_80G) && r.gpus() == 8) {
            ClosedForms.Table2Row total = c.table2().getLast();
            out.add(Comparison.printed("Table 2 total compute ms", PaperFigures.TABLE2_COMPUTE_MS, total.computeMs(),
                    2));
            out.add(Comparison.printed("Table 2 total memory ms (GB rounded to 0.1 first, as the table does)",
                    PaperFigures.TABLE2_MEMORY_MS, total.memoryMsAsPrinted(), 2));
            out.add(Comparison.printed("Table 2 total network ms (GB rounded to 0.1 first, as the table does)",
                    PaperFigures.TABLE2_NETWORK_MS, total.networkMsAsPrinted(), 2));
            out.add(Comparison.relative("Table 2 total memory ms, exact bytes", PaperFigures.TABLE2_MEMORY_MS,
                    total.memoryMs(), 0.005));
            out.add(Comparison.relative("Table 2 total network ms, exact bytes", PaperFigures.TABLE2_NETWORK_MS,
                    total.networkMs(), 0.005));
            out.add(Comparison.relative("Table 2 sequential real ms (efficiencies come from it)",
                    PaperFigures.TABLE2_REAL_SUM_MS, c.table2SequentialMs(), 0.005));
            out.add(Comparison.printed("Eq. 5 optimal tokens/s/GPU at 260 TFLOP/s", PaperFigures.OPTIMAL_TOKENS_PER_GPU,
                    c.optimalTokensPerGpu(), 0));
            out.add(Comparison.printed("Eq. 5 at the text's 280 TFLOP/s and 70e9 (the text's own inputs give 2000, "
                    + "not the 1857 it uses)", 280e12 / (2 * 70e9), c.optimalAtTextFlops(), 0));
            for (Map.Entry<String, Double> e : c.memoryBoundRatio().entrySet()) {
                double[] v = PaperFigures.FIG3_TR.get(e.getKey());
                if (v != null) {
                    out.add(Comparison.printed("Fig. 3 T_R " + e.getKey(), v[0], e.getValue(), 2));
                }
            }
        }
        if (r.model().equals(ModelConfig.LLAMA3_8B) && r.gpu().equals(GpuProfile.A100_80G) && r.gpus() == 1) {
            for (Map.Entry<String, Double> e : c.memoryBoundRatio().entrySet()) {
                double[] v = PaperFigures.FIG3_TR.get(e.getKey());
                if (v != null) {
                    out.add(Comparison.printed("Fig. 3 T_R LLaMA-3-8B " + e.getKey(), v[1], e.getValue(), 2));
                }
            }
        }
        Double fig2 = PaperFigures.FIG2_NET_RATIO.get(r.gpu().name());
        if (r.model().equals(ModelConfig.LLAMA2_70B) && r.gpus() == 8 && fig2 != null) {
            out.add(Comparison.printed("Fig. 2 T_net/T_compute " + r.gpu().name(), fig2, c.networkComputeRatio(), 3));
        }
        if (paper) {
            double sum = 0;
            int n = 0;
            for (WorkloadPrediction p : predictions) {
                if (PaperFigures.FIG7_NANOFLOW.containsKey(p.workload())) {
                    sum += p.fractionOfOptimal();
                    n++;
                }
            }
            if (n == PaperFigures.FIG7_NANOFLOW.size()) {
                out.add(Comparison.absolute("Fig. 10 average compute utilisation, read as the mean NanoFlow / optimal "
                        + "over the six Fig. 7 workloads", PaperFigures.FIG10_UTILISATION, sum / n, 0.05));
            }
        }
        for (WorkloadPrediction p : predictions) {
            if (paper) {
                Double f7 = PaperFigures.FIG7_NANOFLOW.get(p.workload());
                if (f7 != null) {
                    out.add(Comparison.relative("Fig. 7 NanoFlow " + p.workload(), f7, p.nanoflowTokensPerGpu(), 0.10));
                }
                double[] f9 = PaperFigures.FIG9_ABLATION.get(p.workload());
                if (f9 != null) {
                    out.add(Comparison.relative("Fig. 9 non-overlap " + p.workload(), f9[0], p.nonOverlapTokensPerGpu(),
                            0.10));
                    out.add(Comparison.relative("Fig. 9 nano-batch only " + p.workload(), f9[1],
                            p.nanoBatchOnlyTokensPerGpu(), 0.10));
                    out.add(Comparison.relative("Fig. 9 NanoFlow " + p.workload(), f9[2], p.nanoflowTokensPerGpu(),
                            0.10));
                }
            }
            Double f11 = PaperFigures.FIG11_NANOFLOW.get(r.model().name());
            boolean fig11Setup = r.gpu().equals(GpuProfile.A100_80G) && r.denseBatch() == 2048
                    && r.gpus() == (r.model().equals(ModelConfig.LLAMA3_8B) ? 1 : 8);
            if (f11 != null && fig11Setup && p.workload().equals("1024/512")) {
                out.add(Comparison.relative("Fig. 11 NanoFlow " + r.model().name() + " 1024/512", f11,
                        p.nanoflowTokensPerGpu(), r.model().experts() > 1 ? 0.25 : 0.15));
            }
        }
        return out;
    }
}

package io.mlsyslab.inference.runs;

import io.mlsyslab.inference.nanoflow.GpuProfile;
import io.mlsyslab.inference.nanoflow.ModelConfig;
import io.mlsyslab.inference.nanoflow.NanoflowStudy;
import io.mlsyslab.inference.nanoflow.PaperFigures;
import io.mlsyslab.inference.nanoflow.Workload;
import io.mlsyslab.inference.nanoflow.WorkloadPrediction;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Run kind {@code nanoflow-model}: NanoFlow's cost model at paper scale (see {@code docs/nanoflow-model.md}).
 * Metrics per workload index: {@code nanoflow.throughput.tokens.per.second.per.gpu},
 * {@code nanoflow.nonoverlap.tokens.per.second.per.gpu}, {@code nanoflow.nanobatch.only.tokens.per.second.per.gpu},
 * {@code nanoflow.optimal.fraction}, {@code nanoflow.iteration.ms}; {@code chart.svg}: throughput vs optimal per
 * workload (bars).
 */
@Component
public class NanoflowModelRun implements RunKind<NanoflowModelParams, NanoflowModelResult> {

    @Override
    public String name() {
        return "nanoflow-model";
    }

    @Override
    public String description() {
        return "NanoFlow's throughput cost model at paper scale: Table 2 and Eq. 5 closed forms, then a discrete-event "
                + "nano-batch pipeline with the R->P interference table and an automatic schedule search, per workload";
    }

    @Override
    public Class<NanoflowModelParams> paramsType() {
        return NanoflowModelParams.class;
    }

    @Override
    public NanoflowModelResult execute(NanoflowModelParams p, RunContext ctx) {
        long t0 = System.nanoTime();
        ModelConfig model = ModelConfig.named(p.model());
        GpuProfile gpu = GpuProfile.named(p.gpu());
        List<Workload> workloads = p.workloads().stream().map(Workload::named).toList();
        NanoflowStudy.Request request = new NanoflowStudy.Request(model, gpu, p.gpus(), workloads, p.denseBatch(),
                p.minNanoBatches(), p.maxNanoBatches(), p.shareStep());
        int[] done = {0};
        NanoflowStudy.Report report = NanoflowStudy.run(request, w -> {
            int step = done[0]++;
            ctx.metric("nanoflow.throughput.tokens.per.second.per.gpu", step, w.nanoflowTokensPerGpu());
            ctx.metric("nanoflow.nonoverlap.tokens.per.second.per.gpu", step, w.nonOverlapTokensPerGpu());
            ctx.metric("nanoflow.nanobatch.only.tokens.per.second.per.gpu", step, w.nanoBatchOnlyTokensPerGpu());
            ctx.metric("nanoflow.optimal.fraction", step, w.fractionOfOptimal());
            ctx.metric("nanoflow.iteration.ms", step, w.iterationMs());
            ctx.progress(done[0] / (double) workloads.size());
            ctx.checkCancelled();
        });
        ctx.artifact("chart.svg", "image/svg+xml", chart(p, report.predictions()));
        long within = report.comparisons().stream().filter(c -> c.within()).count();
        return new NanoflowModelResult(model.name(), gpu.name(), p.gpus(), report.closedForms(),
                report.predictions(), report.comparisons(), within, (System.nanoTime() - t0) / 1e9);
    }

    static byte[] chart(NanoflowModelParams p, List<WorkloadPrediction> predictions) {
        List<String> names = predictions.stream().map(WorkloadPrediction::workload).toList();
        int n = names.size();
        double[] optimal = new double[n];
        double[] nanoflow = new double[n];
        double[] nonOverlap = new double[n];
        double[] paper = new double[n];
        boolean paperSetup = PaperFigures.isPaperSetup(ModelConfig.named(p.model()), GpuProfile.named(p.gpu()),
                p.gpus(), p.denseBatch());
        boolean anyPaper = false;
        for (int i = 0; i < n; i++) {
            WorkloadPrediction w = predictions.get(i);
            optimal[i] = w.optimalTokensPerGpu();
            nanoflow[i] = w.nanoflowTokensPerGpu();
            nonOverlap[i] = w.nonOverlapTokensPerGpu();
            Double f7 = paperSetup ? PaperFigures.FIG7_NANOFLOW.get(w.workload()) : null;
            double[] f9 = paperSetup ? PaperFigures.FIG9_ABLATION.get(w.workload()) : null;
            paper[i] = f7 != null ? f7 : f9 != null ? f9[2] : Double.NaN;
            anyPaper |= !Double.isNaN(paper[i]);
        }
        SvgChart chart = SvgChart.bars("NanoFlow model: " + p.model() + " on " + p.gpus() + " x " + p.gpu()
                        + ", dense batch " + p.denseBatch(), "tokens/s/GPU (input + output)", names)
                .bars("optimal (Eq. 5)", optimal)
                .bars("NanoFlow (model)", nanoflow)
                .bars("non-overlap (model)", nonOverlap);
        if (anyPaper) {
            chart.bars("NanoFlow (paper)", paper);
        }
        return chart.toBytes();
    }
}

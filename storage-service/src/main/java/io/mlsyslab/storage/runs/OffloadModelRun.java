package io.mlsyslab.storage.runs;

import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.storage.offload.Estimate;
import io.mlsyslab.storage.offload.Hardware;
import io.mlsyslab.storage.offload.OffloadStudy;
import io.mlsyslab.storage.offload.Series;
import io.mlsyslab.storage.offload.StudyConfig;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run kind {@code offload-model}: the InstAttention comparison at paper scale (DeepSpeed with KV in host DRAM,
 * FlexGen with KV on an SSD, InstInfer dense and SparF in 1 and n computational drives) from the analytic model in
 * {@code io.mlsyslab.storage.offload}. Metrics per system, step = batch size:
 * {@code offload.<system>.tokens.per.second} and {@code offload.<system>.kv.access.share}; {@code chart.svg} plots
 * throughput against batch size.
 */
@Component
public class OffloadModelRun implements RunKind<OffloadModelParams, OffloadModelResult> {

    @Override
    public String name() {
        return "offload-model";
    }

    @Override
    public String description() {
        return "InstInfer (attention in computational drives) vs FlexGen (KV on SSD) vs DeepSpeed (KV in host DRAM) "
                + "at paper scale: throughput vs batch and the paper's ratios, from an analytic per-step model";
    }

    @Override
    public Class<OffloadModelParams> paramsType() {
        return OffloadModelParams.class;
    }

    @Override
    public OffloadModelResult execute(OffloadModelParams p, RunContext ctx) {
        StudyConfig config = new StudyConfig(p.spec(), p.drives(), p.sparsityRatio(), p.batches(), p.inputTokens(),
                p.outputTokens());
        Hardware hardware = Hardware.paper();
        OffloadStudy.Report report = new OffloadStudy(config, hardware).run(ctx::progress, ctx::checkCancelled);
        Map<String, Map<Integer, Double>> throughput = new LinkedHashMap<>();
        for (Series s : report.series()) {
            Map<Integer, Double> byBatch = new LinkedHashMap<>();
            for (Estimate e : s.points()) {
                byBatch.put(e.batch(), e.tokensPerSecond());
                if (e.fits()) {
                    ctx.metric("offload." + s.system() + ".tokens.per.second", e.batch(), e.tokensPerSecond());
                    if (e.kvAccessShare() != null) {
                        ctx.metric("offload." + s.system() + ".kv.access.share", e.batch(), e.kvAccessShare());
                    }
                }
            }
            throughput.put(s.system(), byBatch);
        }
        ctx.artifact("chart.svg", "image/svg+xml", chart(p, report));
        return new OffloadModelResult(p.model(), p.inputTokens(), p.outputTokens(), p.drives(), p.sparsityRatio(),
                config.matchesPaper(), throughput, report.series(), report.ratios(), report.headlinesWithinTolerance(),
                hardware);
    }

    static byte[] chart(OffloadModelParams p, OffloadStudy.Report report) {
        SvgChart chart = SvgChart.line("Throughput vs batch, " + p.model() + ", " + p.inputTokens() + "/"
                + p.outputTokens() + " tokens", "batch size", "tokens/s").logX().logY();
        for (Series s : report.series()) {
            double[] x = new double[s.points().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                Estimate e = s.points().get(i);
                x[i] = e.batch();
                y[i] = e.tokensPerSecond() == null ? Double.NaN : e.tokensPerSecond();
            }
            if (s.system().contains("sparf")) {
                chart.dashedSeries(s.system(), x, y);
            } else {
                chart.series(s.system(), x, y);
            }
        }
        return chart.toBytes();
    }
}

package io.mlsyslab.training.runs;

import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.training.utilization.Algorithm;
import io.mlsyslab.training.utilization.ModelProfile;
import io.mlsyslab.training.utilization.UtilizationReport;
import io.mlsyslab.training.utilization.UtilizationStudy;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Run kind {@code utilization-sim}: Streaming DiLoCo's compute-utilisation simulator (per-layer DAG of a training
 * step, one ring all-reduce link). For every model and method it finds by bisection the bandwidth reaching each target
 * utilisation, next to Table 4's value where the paper has one, and sweeps utilisation against bandwidth.
 *
 * <p>Metrics: {@code training.utilization.<model>.<algorithm>} (step = sweep index),
 * {@code training.utilization.sweep.gbps} (the sweep's bandwidths by index), {@code training.bandwidth.required.gbps}
 * and {@code training.bandwidth.relative.error} (step = cell index in {@code result.cells}). Artifacts:
 * {@code chart.svg} (utilisation vs bandwidth, log x, one line per method labelled as Table 4's rows, first
 * model) and
 * {@code chart-<model>.svg} for every model.
 */
@Component
public class UtilizationSimRun implements RunKind<UtilizationSimParams, UtilizationReport> {

    @Override
    public String name() {
        return "utilization-sim";
    }

    @Override
    public String description() {
        return "Compute utilisation vs inter-worker bandwidth of data-parallel, DiLoCo and Streaming DiLoCo (per-layer "
                + "DAG simulation, ring all-reduce); bandwidth needed for a target utilisation, next to the paper's "
                + "Table 4";
    }

    @Override
    public Class<UtilizationSimParams> paramsType() {
        return UtilizationSimParams.class;
    }

    @Override
    public UtilizationReport execute(UtilizationSimParams params, RunContext ctx) {
        UtilizationReport report = UtilizationStudy.run(params.request(), (finished, total) -> {
            ctx.checkCancelled();
            ctx.progress(finished / (double) total);
        });
        recordMetrics(report, ctx);
        for (int i = 0; i < report.models().size(); i++) {
            ModelProfile model = report.models().get(i);
            byte[] svg = chart(report, model);
            if (i == 0) {
                ctx.artifact("chart.svg", "image/svg+xml", svg);
            }
            ctx.artifact("chart-" + model.name() + ".svg", "image/svg+xml", svg);
        }
        return report;
    }

    private static void recordMetrics(UtilizationReport report, RunContext ctx) {
        if (!report.curves().isEmpty()) {
            double[] gbps = report.curves().getFirst().gbps();
            for (int i = 0; i < gbps.length; i++) {
                ctx.metric("training.utilization.sweep.gbps", i, gbps[i]);
            }
        }
        for (UtilizationReport.Curve c : report.curves()) {
            String name = "training.utilization." + c.model() + "." + c.algorithm();
            for (int i = 0; i < c.utilization().length; i++) {
                ctx.metric(name, i, c.utilization()[i]);
            }
        }
        List<UtilizationReport.Cell> cells = report.cells();
        for (int i = 0; i < cells.size(); i++) {
            UtilizationReport.Cell c = cells.get(i);
            if (c.gbps() != null) {
                ctx.metric("training.bandwidth.required.gbps", i, c.gbps());
            }
            if (c.relativeError() != null) {
                ctx.metric("training.bandwidth.relative.error", i, c.relativeError());
            }
        }
    }

    static byte[] chart(UtilizationReport report, ModelProfile model) {
        SvgChart chart = SvgChart.line(String.format(Locale.ROOT, "Compute utilisation, %s (%.3g params, L = %d, "
                                + "T = %.3g s, H = %d)", model.name(), model.parameters(), model.layers(),
                        model.stepSeconds(), report.settings().period()),
                "inter-worker bandwidth (Gbit/s)", "compute utilisation").logX();
        for (UtilizationReport.Curve c : report.curves()) {
            if (c.model().equals(model.name())) {
                chart.series(Algorithm.fromName("algorithm", c.algorithm()).paperRow(), c.gbps(), c.utilization());
            }
        }
        return chart.toBytes();
    }
}

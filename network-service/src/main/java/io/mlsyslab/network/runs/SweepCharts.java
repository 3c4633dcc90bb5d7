package io.mlsyslab.network.runs;

import io.mlsyslab.platform.charts.SvgChart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws a sweep as two side-by-side panels: deadline-miss rate and mean PSNR per stack. */
final class SweepCharts {

    /** Metrics published as run metric series (the rest are in result.json). */
    static final List<String> REPORTED = List.of("deadlineMissRate", "psnrMeanDb", "mos", "delayP95Ms",
            "goodputBps", "spectralEfficiency", "energyPerUsefulBitNj");

    private SweepCharts() {
    }

    static byte[] missAndPsnr(WirelessCrossLayerResult.Sweep sweep) {
        String xLabel = sweep.parameter() + " (" + sweep.unit() + ")";
        SvgChart miss = panel("Frame deadline-miss rate", xLabel, "miss rate", sweep, "deadlineMissRate");
        SvgChart psnr = panel("Mean PSNR (proxy)", xLabel, "PSNR (dB)", sweep, "psnrMeanDb");
        return SvgChart.sideBySide(List.of(miss, psnr)).getBytes(StandardCharsets.UTF_8);
    }

    private static SvgChart panel(String title, String xLabel, String yLabel, WirelessCrossLayerResult.Sweep sweep,
            String metric) {
        SvgChart chart = SvgChart.line(title, xLabel, yLabel);
        double[] x = sweep.points().stream().mapToDouble(WirelessCrossLayerResult.Point::value).toArray();
        Map<String, List<Double>> byStack = new LinkedHashMap<>();
        for (WirelessCrossLayerResult.Point point : sweep.points()) {
            for (WirelessCrossLayerResult.StackMetrics s : point.stacks()) {
                Double mean = s.metrics().get(metric).mean();
                byStack.computeIfAbsent(s.stack(), k -> new ArrayList<>()).add(mean == null ? Double.NaN : mean);
            }
        }
        for (Map.Entry<String, List<Double>> e : byStack.entrySet()) {
            double[] y = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            if (e.getKey().startsWith("X-")) {
                chart.dashedSeries(e.getKey(), x, y);
            } else {
                chart.series(e.getKey(), x, y);
            }
        }
        return chart;
    }
}

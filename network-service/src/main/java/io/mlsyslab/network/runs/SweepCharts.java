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

    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 420;

    private SweepCharts() {
    }

    static byte[] missAndPsnr(WirelessCrossLayerResult.Sweep sweep) {
        String xLabel = sweep.parameter() + " (" + sweep.unit() + ")";
        String miss = panel("Frame deadline-miss rate", xLabel, "miss rate", sweep, "deadlineMissRate");
        String psnr = panel("Mean PSNR (proxy)", xLabel, "PSNR (dB)", sweep, "psnrMeanDb");
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + 2 * PANEL_WIDTH + "\" height=\""
                + PANEL_HEIGHT + "\" viewBox=\"0 0 " + 2 * PANEL_WIDTH + " " + PANEL_HEIGHT + "\">\n"
                + "<g>" + miss + "</g>\n<g transform=\"translate(" + PANEL_WIDTH + ",0)\">" + psnr + "</g>\n</svg>\n";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static String panel(String title, String xLabel, String yLabel, WirelessCrossLayerResult.Sweep sweep,
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
        // SvgChart emits a bare <svg> element (no XML prolog), which SVG allows nested inside another svg
        return chart.toSvg();
    }
}

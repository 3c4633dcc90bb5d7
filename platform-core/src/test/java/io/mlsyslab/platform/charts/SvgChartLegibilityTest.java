package io.mlsyslab.platform.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.SvgRendering;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Worst cases of the charts the run kinds draw, rendered with Batik: every text inside the canvas and apart from the
 * others, every series in its own style and in the legend, tick labels in one human format per axis.
 */
class SvgChartLegibilityTest {

    private static final Pattern TICK_TEXT = Pattern.compile("<text x=\"[0-9.]+\" y=\"[0-9.]+\"( text-anchor=\"(end|middle)\")?>([^<]*)</text>");

    /** spraying-study: 5 policies x 3 collectives against message bytes on a log axis. */
    static SvgChart spraying() {
        SvgChart chart = SvgChart.line("CCT / spraying, 16x16x16, rack-aligned-with-a-long-placement-name, 2 failed",
                "message bytes per rank", "completion time ratio").logX();
        double[] x = {1048576, 16777216, 268435456};
        String[] policies = {"ecmp", "flowlet", "packet-spraying-adaptive", "splitting", "conga"};
        String[] collectives = {"all-reduce", "all-to-all", "reduce-scatter"};
        int k = 0;
        for (String p : policies) {
            for (String c : collectives) {
                k++;
                chart.series(p + " / " + c, x, new double[] {1 + k * 0.1, 1.5 + k * 0.05, 3.2 - k * 0.07});
            }
        }
        return chart;
    }

    /** kde-regimes: four measured series and four dashed theory curves with a long y label. */
    static SvgChart kde() {
        int n = 60;
        double[] x = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, -1.3 + 2.6 * i / (n - 1));
            a[i] = Math.exp(-x[i]);
            b[i] = 1 / (1 + x[i]);
        }
        return SvgChart.line("KDE regimes: d = 20, n = 22026 (alpha = 0.500)", "h / h_G",
                        "per-dimension value / participation ratio").logX()
                .series("f1", x, a).series("f2", x, b).series("Y2", x, a).series("KL/d", x, b)
                .dashedSeries("f1 theory", x, b).dashedSeries("f2 theory", x, a)
                .dashedSeries("Y2 theory", x, b).dashedSeries("KL/d theory", x, a);
    }

    /** run-metric-density of a byte-sized metric: x up to 3.2e6 on a linear axis, one long series name. */
    static SvgChart density() {
        double[] x = IntStream.range(0, 200).mapToDouble(i -> 3.2e6 * i / 199).toArray();
        double[] y = IntStream.range(0, 200).mapToDouble(i -> 1e-6 * Math.exp(-Math.pow((i - 100) / 30.0, 2))).toArray();
        return SvgChart.line("Density of kv.link.bytes (storage run 0f3c2a1b)", "kv.link.bytes", "density")
                .xUnit(SvgChart.Unit.BYTES)
                .series("gaussian KDE, silverman-with-a-very-long-rule-name h=1.23e+05 (log) and more words to wrap"
                        + " across the whole width of the chart so that the legend entry must wrap", x, y);
    }

    /** wireless-crossLayer: two panels side by side, stacks with X- variants dashed. */
    static List<SvgChart> wireless() {
        double[] x = {5, 10, 20, 40, 80};
        List<SvgChart> panels = new ArrayList<>();
        for (String metric : List.of("miss rate", "PSNR (dB)")) {
            SvgChart chart = SvgChart.line("Frame deadline-miss rate", "offered load (Mbit/s)", metric);
            String[] stacks = {"baseline", "edf", "priority", "X-edf", "X-priority", "X-full"};
            for (int i = 0; i < stacks.length; i++) {
                double[] y = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    y[k] = metric.startsWith("miss") ? 0.0004 * (i + 1) * k : 30 + i - k;
                }
                if (stacks[i].startsWith("X-")) {
                    chart.dashedSeries(stacks[i], x, y);
                } else {
                    chart.series(stacks[i], x, y);
                }
            }
            panels.add(chart);
        }
        return panels;
    }

    static SvgChart manyBars() {
        List<String> categories = List.of("a category with a rather long name", "short", "another quite long category",
                "x");
        SvgChart chart = SvgChart.bars("Twenty-five series of bars", "seconds", categories);
        for (int i = 0; i < 25; i++) {
            chart.bars("series number " + i, new double[] {0.001 * (i + 1), 0.002, 0.003 * i, 0.0005});
        }
        return chart;
    }

    static SvgChart fortySeries() {
        SvgChart chart = SvgChart.line("forty", "x", "y");
        for (int i = 0; i < SvgChart.DISTINCT_STYLES; i++) {
            chart.series("s" + i, new double[] {0, 1}, new double[] {i, i + 1});
        }
        return chart;
    }

    @Test
    void everyWorstCaseKeepsItsTextOnTheCanvasAndApart() {
        check("spraying", spraying().toSvg());
        check("kde", kde().toSvg());
        check("density", density().toSvg());
        check("bars", manyBars().toSvg());
        check("forty", fortySeries().toSvg());
        for (SvgChart panel : wireless()) {
            check("wireless-panel", panel.toSvg());
        }
        check("wireless", SvgChart.sideBySide(wireless()));
    }

    private static void check(String name, String svg) {
        SvgRendering.Rendered r = SvgRendering.renderAndKeep(svg, name);
        assertThat(r.texts()).as(name + ": texts drawn").isNotEmpty();
        assertThat(r.outside()).as(name + ": texts outside the %sx%s canvas", r.width(), r.height()).isEmpty();
        assertThat(r.overlaps()).as(name + ": overlapping texts").isEmpty();
        assertThat(r.png()).as(name + ": PNG").hasSizeGreaterThan(1000);
    }

    @Test
    void everySeriesHasItsOwnStyleAndLegendEntry() {
        for (SvgChart chart : List.of(spraying(), kde(), fortySeries())) {
            Set<SvgChart.Style> styles = new HashSet<>();
            int n = chart.toSvg().split("<path ", -1).length - 1;
            for (int i = 0; i < n; i++) {
                styles.add(chart.style(i));
            }
            assertThat(styles).hasSize(n);
        }
        String svg = spraying().toSvg();
        String legend = svg.substring(svg.indexOf("<g class=\"legend\">"));
        for (String name : List.of("ecmp / all-reduce", "conga / reduce-scatter", "packet-spraying-adaptive / all-to-all")) {
            assertThat(legend).contains(">" + name + "<");
        }
        assertThat(legend.split("<line ", -1).length - 1).isEqualTo(15);
    }

    @Test
    void byteAxesUseBinaryUnitsAndNeverExponentNotation() {
        List<String> x = xTicks(spraying().toSvg());
        assertThat(x).startsWith("1 MiB").endsWith("256 MiB").allMatch(s -> s.matches("(1|2|4|8|16|32|64|128|256) MiB"));
        List<String> d = xTicks(density().toSvg());
        assertThat(d).allMatch(s -> s.endsWith(" MiB")).noneMatch(s -> s.contains("e"));
        assertThat(d.getFirst()).isEqualTo("0.0 MiB");
        // one format per axis: the same number of decimals everywhere
        assertThat(d.stream().map(s -> s.replaceAll("^[0-9]+", "").length()).distinct()).hasSize(1);
    }

    @Test
    void plainNumbersGetSuffixesOrASharedFactor() {
        SvgChart big = SvgChart.line("t", "tokens", "y").series("s", new double[] {0, 3.2e6}, new double[] {0, 1});
        assertThat(xTicks(big.toSvg())).contains("0.0M", "3.0M").noneMatch(s -> s.contains("e"));
        SvgChart small = SvgChart.line("t", "x", "miss rate").series("s", new double[] {0, 1},
                new double[] {0, 0.0032});
        String svg = small.toSvg();
        assertThat(svg).contains(">miss rate (×1e-3)<");
        assertThat(yTicks(svg)).contains("0", "3").noneMatch(s -> s.contains("e"));
        SvgChart logMixed = SvgChart.line("t", "x", "y").logY().series("s", new double[] {0, 1},
                new double[] {1e-4, 10});
        assertThat(yTicks(logMixed.toSvg())).allMatch(s -> s.matches("1e-?[0-9]+"));
        SvgChart logSmall = SvgChart.line("t", "x", "y").logX().series("s", new double[] {0.01, 1000},
                new double[] {1, 2});
        assertThat(xTicks(logSmall.toSvg())).containsExactly("0.01", "0.1", "1", "10", "100", "1000");
    }

    @Test
    void secondsAxesUseTimeUnits() {
        SvgChart lin = SvgChart.line("t", "time to first token (s)", "y")
                .series("s", new double[] {0, 0.25}, new double[] {0, 1});
        assertThat(xTicks(lin.toSvg())).allMatch(s -> s.endsWith(" ms")).contains("0 ms", "250 ms");
        SvgChart log = SvgChart.line("t", "latency seconds", "y").logX()
                .series("s", new double[] {1e-6, 10}, new double[] {0, 1});
        assertThat(xTicks(log.toSvg())).contains("1 µs", "1 ms", "1 s", "10 s");
    }

    private static List<String> xTicks(String svg) {
        return ticks(svg, "middle");
    }

    private static List<String> yTicks(String svg) {
        return ticks(svg, "end");
    }

    private static List<String> ticks(String svg, String anchor) {
        List<String> out = new ArrayList<>();
        String axes = svg.substring(0, svg.indexOf("<g class=\"plot\">"));
        Matcher m = TICK_TEXT.matcher(axes);
        while (m.find()) {
            if (anchor.equals(m.group(2)) && !m.group(0).contains("rotate")) {
                out.add(m.group(3));
            }
        }
        if (anchor.equals("middle")) {
            out.removeLast(); // the axis title, centred below the ticks
        }
        return out;
    }
}

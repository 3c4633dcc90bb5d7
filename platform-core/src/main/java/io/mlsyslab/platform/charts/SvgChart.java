package io.mlsyslab.platform.charts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small dependency-free SVG charts for run artifacts ({@code chart.svg}): line charts with several series and
 * optional log axes, and grouped bar charts. Non-finite points are skipped, so a series with gaps still draws.
 *
 * <p>Legibility rules: every series has its own (colour, dash, marker) combination for up to 40 series (10 colours,
 * then 4 dash/marker styles); the legend sits below the plot in as many columns as fit and grows the canvas
 * instead of being cut; long titles, axis labels, legend entries and category names wrap; tick labels use one format
 * per axis, with binary units for bytes ({@code 16 MiB}), time units for seconds ({@code 250 ms}) and a shared
 * power-of-ten factor or a k/M/G suffix for large or small plain numbers (never {@code 3.2e+06}). The unit of an axis
 * is {@link Unit#AUTO} by default: a label that mentions bytes or seconds picks that unit.
 *
 * <pre>{@code
 * String svg = SvgChart.line("Completion time vs spraying", "message bytes", "ratio")
 *         .logX()
 *         .series("ECMP", xs, ys)
 *         .series("splitting", xs, ys2)
 *         .toSvg();
 * }</pre>
 */
public final class SvgChart {

    /** How an axis's tick values are written. */
    public enum Unit {
        /** BYTES when the axis label mentions bytes, SECONDS when it mentions seconds or "(s)", else NUMBER. */
        AUTO,
        /** Plain numbers; large ones with k/M/G/T, small ones with a shared factor in the axis label. */
        NUMBER,
        /** Byte counts with binary units: B, KiB, MiB, GiB, TiB (log axes tick at powers of two). */
        BYTES,
        /** Durations given in seconds, written in ns, µs, ms or s. */
        SECONDS
    }

    static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };
    /** The palette's light companions, used by bar charts for series 11 to 20. */
    private static final String[] LIGHT = {
        "#aec7e8", "#ff9896", "#98df8a", "#ffbb78", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"
    };
    /** Dash pattern per style group (group = series index / colours); "" is solid. */
    static final String[] DASHES = {"", "2 3", "9 3 2 3", "14 4 4 4"};
    /** The dash of a {@link #dashedSeries} in the first group (not used by any automatic group). */
    static final String THEORY_DASH = "6 4";
    /** Maximum number of series with a distinct style. */
    public static final int DISTINCT_STYLES = PALETTE.length * DASHES.length;

    private static final int WIDTH = 720;
    private static final int PLOT_HEIGHT = 300;
    private static final int FONT = 12;
    private static final int TITLE_FONT = 15;
    private static final int LINE = 15;
    private static final int MARGIN = 10;
    private static final int SAMPLE = 30;
    private static final int MAX_MARKED_POINTS = 60;

    private enum Type { LINE, BAR }

    private record Series(String name, double[] x, double[] y, boolean dashed) {}

    private final Type type;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private List<String> categories = List.of();
    private boolean logX;
    private boolean logY;
    private Unit xUnit = Unit.AUTO;
    private Unit yUnit = Unit.AUTO;

    private SvgChart(Type type, String title, String xLabel, String yLabel) {
        this.type = type;
        this.title = title == null ? "" : title;
        this.xLabel = xLabel == null ? "" : xLabel;
        this.yLabel = yLabel == null ? "" : yLabel;
    }

    public static SvgChart line(String title, String xLabel, String yLabel) {
        return new SvgChart(Type.LINE, title, xLabel, yLabel);
    }

    /** A grouped bar chart: one group per category, one bar per series ({@code values[i]} for category i). */
    public static SvgChart bars(String title, String yLabel, List<String> categories) {
        SvgChart chart = new SvgChart(Type.BAR, title, "", yLabel);
        chart.categories = List.copyOf(categories);
        return chart;
    }

    /**
     * Charts drawn side by side in one SVG document (e.g. two metrics of the same sweep); the document is as tall
     * as the tallest chart.
     */
    public static String sideBySide(List<SvgChart> charts) {
        List<Layout> layouts = charts.stream().map(SvgChart::layout).toList();
        int width = WIDTH * charts.size();
        int height = layouts.stream().mapToInt(Layout::height).max().orElse(0);
        StringBuilder svg = new StringBuilder(8192);
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < charts.size(); i++) {
            svg.append(fmt("<g transform=\"translate(%d,0)\">\n", i * WIDTH));
            charts.get(i).render(svg, layouts.get(i));
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    public SvgChart logX() {
        this.logX = true;
        return this;
    }

    public SvgChart logY() {
        this.logY = true;
        return this;
    }

    /** How x tick values are written (default {@link Unit#AUTO}). */
    public SvgChart xUnit(Unit unit) {
        this.xUnit = unit;
        return this;
    }

    /** How y tick values are written (default {@link Unit#AUTO}). */
    public SvgChart yUnit(Unit unit) {
        this.yUnit = unit;
        return this;
    }

    public SvgChart series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": x and y lengths differ");
        }
        series.add(new Series(name, x.clone(), y.clone(), false));
        return this;
    }

    /** A dashed series, e.g. a theory curve drawn next to measurements. */
    public SvgChart dashedSeries(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": x and y lengths differ");
        }
        series.add(new Series(name, x.clone(), y.clone(), true));
        return this;
    }

    public SvgChart bars(String name, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException("bars " + name + ": expected " + categories.size() + " values");
        }
        double[] x = new double[values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        series.add(new Series(name, x, values.clone(), false));
        return this;
    }

    public byte[] toBytes() {
        return toSvg().getBytes(StandardCharsets.UTF_8);
    }

    public String toSvg() {
        Layout l = layout();
        StringBuilder svg = new StringBuilder(8192);
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                WIDTH, l.height, WIDTH, l.height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        render(svg, l);
        svg.append("</svg>\n");
        return svg.toString();
    }

    // ---------------------------------------------------------------- layout

    private record Range(double lo, double hi) {}

    /** Everything measured before drawing: margins, wrapped texts, ticks and the legend grid. */
    private record Layout(List<String> titleLines, int plotTop, int left, int right, int height,
            Range xr, Range yr, Axis xAxis, Axis yAxis, List<String> yLabelLines, List<String> xLabelLines,
            List<List<String>> categoryLines, int xTickBand, List<LegendEntry> legend, int legendTop,
            int legendColumns, int legendColumnWidth, int[] legendRowHeights) {

        int plotBottom() {
            return plotTop + PLOT_HEIGHT;
        }

        int plotRight() {
            return WIDTH - right;
        }
    }

    private record LegendEntry(int index, List<String> lines) {}

    private Layout layout() {
        List<String> titleLines = TextMetrics.wrap(title, WIDTH - 2 * MARGIN, TITLE_FONT, true);
        int plotTop = MARGIN + titleLines.size() * (TITLE_FONT + 4) + 12;

        Range xr = type == Type.BAR ? new Range(-0.5, categories.size() - 0.5) : range(true);
        Range yr = range(false);
        if (type == Type.BAR && !logY) {
            yr = new Range(Math.min(0, yr.lo), Math.max(0, yr.hi));
        }
        Axis yAxis = Axis.of(yr, logY, resolve(yUnit, yLabel), 7);
        List<String> yLabelLines = TextMetrics.wrap(yAxis.label(yLabel), PLOT_HEIGHT, FONT, false);
        double yTickWidth = yAxis.ticks().stream().mapToDouble(t -> TextMetrics.width(t.label(), FONT)).max().orElse(0);
        int left = (int) Math.ceil(MARGIN + yLabelLines.size() * LINE + 8 + yTickWidth + 8);

        Axis xAxis = null;
        int right = MARGIN + 10;
        List<List<String>> categoryLines = List.of();
        int xTickBand = LINE + 8;
        if (type == Type.LINE) {
            Axis provisional = Axis.of(xr, logX, resolve(xUnit, xLabel), 9);
            double lastHalf = provisional.ticks().isEmpty() ? 0
                    : TextMetrics.width(provisional.ticks().getLast().label(), FONT) / 2;
            right = (int) Math.ceil(Math.max(right, lastHalf + MARGIN));
            double plotWidth = WIDTH - left - right;
            // fewer ticks until their labels fit side by side with a gap
            int maxTicks = 9;
            xAxis = provisional;
            while (maxTicks > 2 && !fits(xAxis, plotWidth)) {
                maxTicks--;
                xAxis = Axis.of(xr, logX, resolve(xUnit, xLabel), maxTicks);
            }
        } else {
            double slot = (WIDTH - left - right) / Math.max(1.0, categories.size()) - 4;
            categoryLines = categories.stream().map(c -> TextMetrics.wrap(c, slot, FONT, false)).toList();
            xTickBand = categoryLines.stream().mapToInt(List::size).max().orElse(1) * LINE + 8;
        }
        String xText = xAxis == null ? xLabel : xAxis.label(xLabel);
        List<String> xLabelLines = xText.isEmpty() ? List.of() : TextMetrics.wrap(xText, WIDTH - 2 * MARGIN, FONT, false);

        int legendTop = plotTop + PLOT_HEIGHT + xTickBand + xLabelLines.size() * LINE + 12;
        int usable = WIDTH - 2 * MARGIN;
        double widest = 0;
        for (Series s : series) {
            widest = Math.max(widest, TextMetrics.width(s.name, FONT));
        }
        int columnWidth = (int) Math.ceil(Math.min(usable, SAMPLE + 6 + widest + 18));
        int columns = Math.max(1, usable / columnWidth);
        double textRoom = columnWidth - SAMPLE - 6 - 10;
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            legend.add(new LegendEntry(i, TextMetrics.wrap(series.get(i).name, textRoom, FONT, false)));
        }
        int rows = (legend.size() + columns - 1) / columns;
        int[] rowHeights = new int[rows];
        for (int i = 0; i < legend.size(); i++) {
            rowHeights[i / columns] = Math.max(rowHeights[i / columns], legend.get(i).lines.size() * LINE + 4);
        }
        int legendHeight = 0;
        for (int h : rowHeights) {
            legendHeight += h;
        }
        int height = legendTop + legendHeight + MARGIN;
        return new Layout(titleLines, plotTop, left, right, height, xr, yr, xAxis, yAxis, yLabelLines, xLabelLines,
                categoryLines, xTickBand, legend, legendTop, columns, columnWidth, rowHeights);
    }

    private static boolean fits(Axis axis, double plotWidth) {
        List<Axis.Tick> ticks = axis.ticks();
        if (ticks.size() < 2) {
            return true;
        }
        double span = ticks.getLast().t() - ticks.getFirst().t();
        double range = axis.range().hi() - axis.range().lo();
        double gapPx = plotWidth * span / range / (ticks.size() - 1);
        double widest = ticks.stream().mapToDouble(t -> TextMetrics.width(t.label(), FONT)).max().orElse(0);
        return widest + 12 <= gapPx;
    }

    private static Unit resolve(Unit unit, String label) {
        if (unit != Unit.AUTO) {
            return unit;
        }
        String l = label.toLowerCase(Locale.ROOT);
        if (l.matches(".*\\bbytes?\\b.*")) {
            return Unit.BYTES;
        }
        if (l.matches(".*\\bseconds?\\b.*") || l.contains("(s)")) {
            return Unit.SECONDS;
        }
        return Unit.NUMBER;
    }

    private Range range(boolean xAxis) {
        boolean log = xAxis ? logX : logY;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[] v = xAxis ? s.x : s.y;
            for (double d : v) {
                if (usable(d, log)) {
                    double t = log ? Math.log10(d) : d;
                    lo = Math.min(lo, t);
                    hi = Math.max(hi, t);
                }
            }
        }
        if (lo > hi) {
            return new Range(0, 1);
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new Range(lo - pad, hi + pad);
        }
        double pad = xAxis ? 0 : (hi - lo) * 0.05;
        return new Range(lo - pad, hi + pad);
    }

    private static boolean usable(double d, boolean log) {
        return Double.isFinite(d) && (!log || d > 0);
    }

    // ---------------------------------------------------------------- drawing

    private void render(StringBuilder svg, Layout l) {
        svg.append("<g font-family=\"sans-serif\" font-size=\"12\">\n");
        int y = MARGIN + TITLE_FONT;
        for (String line : l.titleLines) {
            svg.append(fmt("<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\">%s</text>\n", MARGIN, y,
                    TITLE_FONT, escape(line)));
            y += TITLE_FONT + 4;
        }
        drawAxes(svg, l);
        svg.append("<g class=\"plot\">\n");
        if (type == Type.LINE) {
            drawLines(svg, l);
        } else {
            drawBars(svg, l);
        }
        svg.append("</g>\n");
        drawLegend(svg, l);
        svg.append("</g>\n");
    }

    private double px(double x, Layout l) {
        double t = type == Type.LINE && logX ? Math.log10(x) : x;
        return l.left + (t - l.xr.lo) / (l.xr.hi - l.xr.lo) * (l.plotRight() - l.left);
    }

    private double py(double y, Layout l) {
        double t = logY ? Math.log10(y) : y;
        return l.plotBottom() - (t - l.yr.lo) / (l.yr.hi - l.yr.lo) * PLOT_HEIGHT;
    }

    private void drawAxes(StringBuilder svg, Layout l) {
        int x0 = l.left;
        int x1 = l.plotRight();
        int y0 = l.plotBottom();
        int y1 = l.plotTop;
        for (Axis.Tick t : l.yAxis.ticks()) {
            double y = y0 - (t.t() - l.yr.lo) / (l.yr.hi - l.yr.lo) * PLOT_HEIGHT;
            svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x0, y, x1, y));
            svg.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", x0 - 6, y + 4,
                    escape(t.label())));
        }
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0, x1, y0));
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0, x0, y1));
        if (type == Type.BAR) {
            for (int i = 0; i < categories.size(); i++) {
                double x = l.left + (i - l.xr.lo) / (l.xr.hi - l.xr.lo) * (x1 - x0);
                int ty = y0 + 16;
                for (String line : l.categoryLines.get(i)) {
                    svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, ty,
                            escape(line)));
                    ty += LINE;
                }
            }
        } else {
            for (Axis.Tick t : l.xAxis.ticks()) {
                double x = x0 + (t.t() - l.xr.lo) / (l.xr.hi - l.xr.lo) * (x1 - x0);
                svg.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n", x, y0, x,
                        y0 + 4));
                svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y0 + 17,
                        escape(t.label())));
            }
        }
        int ty = y0 + l.xTickBand + LINE - 3;
        for (String line : l.xLabelLines) {
            svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", WIDTH / 2, ty, escape(line)));
            ty += LINE;
        }
        int cy = (y0 + y1) / 2;
        int tx = MARGIN + LINE - 3;
        for (String line : l.yLabelLines) {
            svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 %d %d)\">%s</text>\n",
                    tx, cy, tx, cy, escape(line)));
            tx += LINE;
        }
    }

    /** The (colour, dash, marker) of series i: colours first, then dash and marker styles; dashed series dash. */
    record Style(String color, String dash, int marker) {}

    Style style(int i) {
        int group = (i / PALETTE.length) % DASHES.length;
        String dash = DASHES[group];
        if (series.get(i).dashed && dash.isEmpty()) {
            dash = THEORY_DASH;
        }
        return new Style(PALETTE[i % PALETTE.length], dash, series.get(i).dashed ? -1 : group);
    }

    private static String dashAttr(String dash) {
        return dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"";
    }

    private void drawLines(StringBuilder svg, Layout l) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Style style = style(i);
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int k = 0; k < s.x.length; k++) {
                if (!usable(s.x[k], logX) || !usable(s.y[k], logY)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : " M").append(fmt("%.1f %.1f", px(s.x[k], l), py(s.y[k], l)));
                pen = true;
            }
            svg.append(fmt("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                    path.toString().trim(), style.color, dashAttr(style.dash)));
            // markers only where points are few enough to be told apart; dense curves are lines
            for (int k = 0; k < s.x.length && style.marker >= 0 && s.x.length <= MAX_MARKED_POINTS; k++) {
                if (usable(s.x[k], logX) && usable(s.y[k], logY)) {
                    marker(svg, "", style, px(s.x[k], l), py(s.y[k], l));
                }
            }
        }
    }

    /** circle, square, triangle, diamond; {@code cls} marks legend keys apart from data points. */
    private static void marker(StringBuilder svg, String cls, Style style, double x, double y) {
        switch (style.marker) {
            case 0 -> svg.append(fmt("<circle %scx=\"%.1f\" cy=\"%.1f\" r=\"2.8\" fill=\"%s\"/>\n", cls, x, y,
                    style.color));
            case 1 -> svg.append(fmt("<rect %sx=\"%.1f\" y=\"%.1f\" width=\"5.6\" height=\"5.6\" fill=\"%s\"/>\n", cls,
                    x - 2.8, y - 2.8, style.color));
            case 2 -> svg.append(fmt("<polygon %spoints=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>\n", cls, x,
                    y - 3.6, x - 3.4, y + 2.6, x + 3.4, y + 2.6, style.color));
            case 3 -> svg.append(fmt("<polygon %spoints=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"white\" "
                    + "stroke=\"%s\" stroke-width=\"1.5\"/>\n", cls, x, y - 3.8, x + 3.8, y, x, y + 3.8, x - 3.8, y,
                    style.color));
            default -> { }
        }
    }

    private String barFill(int i) {
        return i < PALETTE.length ? PALETTE[i] : LIGHT[i % LIGHT.length];
    }

    /** Bars past the 20 fills get a dashed black outline per further group. */
    private String barOutline(int i) {
        int group = i / (2 * PALETTE.length) % DASHES.length;
        return group == 0 ? "" : " stroke=\"black\" stroke-width=\"1.5\"" + dashAttr(DASHES[group]);
    }

    private void drawBars(StringBuilder svg, Layout l) {
        double plotWidth = l.plotRight() - l.left;
        double groupWidth = plotWidth / (l.xr.hi - l.xr.lo) * 0.8;
        double barWidth = groupWidth / Math.max(1, series.size());
        double base = py(logY ? Math.pow(10, l.yr.lo) : Math.max(0, l.yr.lo), l);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            for (int k = 0; k < s.y.length; k++) {
                if (!usable(s.y[k], logY)) {
                    continue;
                }
                double center = l.left + (k - l.xr.lo) / (l.xr.hi - l.xr.lo) * plotWidth;
                double x = center - groupWidth / 2 + i * barWidth;
                double y = py(s.y[k], l);
                svg.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>\n", x,
                        Math.min(y, base), barWidth * 0.95, Math.abs(base - y), barFill(i), barOutline(i)));
            }
        }
    }

    private void drawLegend(StringBuilder svg, Layout l) {
        svg.append("<g class=\"legend\">\n");
        int rowTop = l.legendTop;
        for (int row = 0; row < l.legendRowHeights.length; row++) {
            for (int c = 0; c < l.legendColumns; c++) {
                int i = row * l.legendColumns + c;
                if (i >= l.legend.size()) {
                    break;
                }
                int x = MARGIN + c * l.legendColumnWidth;
                int y = rowTop + LINE / 2;
                if (type == Type.BAR) {
                    svg.append(fmt("<rect class=\"key\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"10\" fill=\"%s\"%s/>\n",
                            x + 8, y - 5, SAMPLE - 16, barFill(i), barOutline(i)));
                } else {
                    Style style = style(i);
                    svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"%s/>\n",
                            x, y, x + SAMPLE, y, style.color, dashAttr(style.dash)));
                    marker(svg, "class=\"key\" ", style, x + SAMPLE / 2.0, y);
                }
                int ty = rowTop + LINE - 3;
                for (String line : l.legend.get(i).lines) {
                    svg.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", x + SAMPLE + 6, ty, escape(line)));
                    ty += LINE;
                }
            }
            rowTop += l.legendRowHeights[row];
        }
        svg.append("</g>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** Ticks of one axis (positions in the axis's possibly logarithmic space) and their labels, one format each. */
    record Axis(Range range, List<Tick> ticks, String factor) {

        record Tick(double t, String label) {}

        /** The axis title with a shared factor, e.g. {@code "miss rate (×1e-3)"}. */
        String label(String title) {
            return factor.isEmpty() ? title : title + " (" + factor + ")";
        }

        static Axis of(Range r, boolean log, Unit unit, int maxTicks) {
            if (log && r.hi - r.lo >= 1) {
                return unit == Unit.BYTES ? logBytes(r, maxTicks) : logDecades(r, unit, maxTicks);
            }
            double lo = log ? Math.pow(10, r.lo) : r.lo;
            double hi = log ? Math.pow(10, r.hi) : r.hi;
            Axis linear = linear(lo, hi, unit, maxTicks);
            if (!log) {
                return new Axis(r, linear.ticks, linear.factor);
            }
            List<Tick> mapped = linear.ticks.stream().filter(t -> t.t > 0)
                    .map(t -> new Tick(Math.log10(t.t), t.label)).toList();
            return new Axis(r, mapped, linear.factor);
        }

        private static Axis linear(double lo, double hi, Unit unit, int maxTicks) {
            double maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
            double scale = 1;
            String suffix = "";
            String factor = "";
            if (unit == Unit.BYTES) {
                String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
                int k = 0;
                while (k < units.length - 1 && maxAbs >= 1024 * Math.pow(1024, k)) {
                    k++;
                }
                scale = Math.pow(1024, k);
                suffix = " " + units[k];
            } else if (unit == Unit.SECONDS) {
                if (maxAbs >= 1 || maxAbs == 0) {
                    suffix = " s";
                } else if (maxAbs >= 1e-3) {
                    scale = 1e-3;
                    suffix = " ms";
                } else if (maxAbs >= 1e-6) {
                    scale = 1e-6;
                    suffix = " µs";
                } else {
                    scale = 1e-9;
                    suffix = " ns";
                }
            } else if (maxAbs >= 1e4) {
                String[] si = {"", "k", "M", "G", "T", "P"};
                int k = Math.min(si.length - 1, (int) Math.floor(Math.log10(maxAbs) / 3));
                scale = Math.pow(1000, k);
                suffix = si[k];
            } else if (maxAbs > 0 && maxAbs < 1e-2) {
                int e = (int) Math.floor(Math.log10(maxAbs) / 3) * 3;
                scale = Math.pow(10, e);
                factor = "×1e" + e;
            }
            double slo = lo / scale;
            double shi = hi / scale;
            double step = niceStep(shi - slo, maxTicks);
            int decimals = decimals(step);
            List<Tick> ticks = new ArrayList<>();
            for (long j = (long) Math.ceil(slo / step - 1e-9); j * step <= shi + step * 1e-9; j++) {
                double v = j * step;
                String text = fmt("%." + decimals + "f", v);
                if (text.matches("-0(\\.0*)?")) {
                    text = text.substring(1);
                }
                ticks.add(new Tick(v * scale, text + suffix));
            }
            return new Axis(new Range(lo, hi), ticks, factor);
        }

        static double niceStep(double span, int maxTicks) {
            if (!(span > 0)) {
                return 1;
            }
            double raw = span / Math.max(1, maxTicks - 1);
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * magnitude >= raw * (1 - 1e-9)) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }

        private static int decimals(double step) {
            for (int d = 0; d < 12; d++) {
                double scaled = step * Math.pow(10, d);
                if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, scaled)) {
                    return d;
                }
            }
            return 12;
        }

        /** Ticks at powers of ten; every label in one style (plain, k/M/G suffix, or 1eN). */
        private static Axis logDecades(Range r, Unit unit, int maxTicks) {
            int first = (int) Math.ceil(r.lo - 1e-9);
            int last = (int) Math.floor(r.hi + 1e-9);
            int step = Math.max(1, (int) Math.ceil((last - first + 1) / (double) maxTicks));
            List<Integer> exps = new ArrayList<>();
            for (int e = Math.floorDiv(first + step - 1, step) * step; e <= last; e += step) {
                exps.add(e);
            }
            boolean plain = exps.stream().allMatch(e -> e >= -2 && e <= 3);
            boolean suffixed = exps.stream().allMatch(e -> e >= 0);
            List<Tick> ticks = new ArrayList<>();
            for (int e : exps) {
                String text;
                if (unit == Unit.SECONDS) {
                    text = seconds(e);
                } else if (plain) {
                    text = e >= 0 ? fmt("%.0f", Math.pow(10, e)) : fmt("%." + (-e) + "f", Math.pow(10, e));
                } else if (suffixed) {
                    String[] si = {"", "k", "M", "G", "T", "P", "E"};
                    int k = Math.min(si.length - 1, e / 3);
                    text = fmt("%.0f", Math.pow(10, e - 3 * k)) + si[k];
                } else {
                    text = "1e" + e;
                }
                ticks.add(new Tick(e, text));
            }
            return new Axis(r, ticks, "");
        }

        private static String seconds(int e) {
            String[] units = {"ns", "µs", "ms", "s"};
            if (e >= 0) {
                return fmt("%.0f s", Math.pow(10, e));
            }
            int k = Math.max(0, Math.floorDiv(e + 9, 3));
            int rest = e + 9 - 3 * k;
            return fmt("%.0f %s", Math.pow(10, rest), units[Math.min(k, 3)]);
        }

        /** Ticks at powers of two, written with binary units (1 KiB, 4 MiB, ...). */
        private static Axis logBytes(Range r, int maxTicks) {
            double lo2 = r.lo / Math.log10(2);
            double hi2 = r.hi / Math.log10(2);
            int first = (int) Math.ceil(lo2 - 1e-9);
            int last = (int) Math.floor(hi2 + 1e-9);
            int step = Math.max(1, (int) Math.ceil((last - first + 1) / (double) maxTicks));
            String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
            List<Tick> ticks = new ArrayList<>();
            for (int e = Math.floorDiv(first + step - 1, step) * step; e <= last; e += step) {
                String text;
                if (e < 0) {
                    text = fmt("%s B", trimZeros(Math.pow(2, e)));
                } else {
                    int k = Math.min(units.length - 1, e / 10);
                    text = fmt("%.0f %s", Math.pow(2, e - 10 * k), units[k]);
                }
                ticks.add(new Tick(e * Math.log10(2), text));
            }
            return new Axis(r, ticks, "");
        }

        private static String trimZeros(double v) {
            String s = fmt("%.6f", v);
            return s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
    }
}

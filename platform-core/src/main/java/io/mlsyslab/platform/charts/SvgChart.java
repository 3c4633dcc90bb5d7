package io.mlsyslab.platform.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small dependency-free SVG charts for run artifacts ({@code chart.svg}): line charts with several series and
 * optional log axes, and grouped bar charts. Non-finite points are skipped, so a series with gaps still draws.
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

    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

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

    private SvgChart(Type type, String title, String xLabel, String yLabel) {
        this.type = type;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
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

    public SvgChart logX() {
        this.logX = true;
        return this;
    }

    public SvgChart logY() {
        this.logY = true;
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
        return toSvg().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public String toSvg() {
        StringBuilder svg = new StringBuilder(4096);
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(fmt("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT, escape(title)));
        Range xr = type == Type.BAR ? new Range(-0.5, categories.size() - 0.5) : range(true);
        Range yr = range(false);
        if (type == Type.BAR && !logY) {
            yr = new Range(Math.min(0, yr.lo), Math.max(0, yr.hi));
        }
        drawAxes(svg, xr, yr);
        if (type == Type.LINE) {
            drawLines(svg, xr, yr);
        } else {
            drawBars(svg, xr, yr);
        }
        drawLegend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private record Range(double lo, double hi) {}

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

    private double px(double x, Range r) {
        double t = logX ? Math.log10(x) : x;
        return LEFT + (t - r.lo) / (r.hi - r.lo) * (WIDTH - LEFT - RIGHT);
    }

    private double py(double y, Range r) {
        double t = logY ? Math.log10(y) : y;
        return HEIGHT - BOTTOM - (t - r.lo) / (r.hi - r.lo) * (HEIGHT - TOP - BOTTOM);
    }

    private void drawAxes(StringBuilder svg, Range xr, Range yr) {
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = HEIGHT - BOTTOM;
        int y1 = TOP;
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0, x1, y0));
        svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", x0, y0, x0, y1));
        for (double t : ticks(yr)) {
            double y = HEIGHT - BOTTOM - (t - yr.lo) / (yr.hi - yr.lo) * (HEIGHT - TOP - BOTTOM);
            svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x0, y, x1, y));
            svg.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", x0 - 6, y + 4, label(t, logY)));
        }
        if (type == Type.BAR) {
            for (int i = 0; i < categories.size(); i++) {
                double x = LEFT + (i - xr.lo) / (xr.hi - xr.lo) * (WIDTH - LEFT - RIGHT);
                svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y0 + 18,
                        escape(categories.get(i))));
            }
        } else {
            for (double t : ticks(xr)) {
                double x = LEFT + (t - xr.lo) / (xr.hi - xr.lo) * (WIDTH - LEFT - RIGHT);
                svg.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n", x, y0, x, y0 + 4));
                svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, y0 + 18, label(t, logX)));
            }
        }
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", (x0 + x1) / 2, HEIGHT - 12,
                escape(xLabel)));
        svg.append(fmt("<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>\n",
                (y0 + y1) / 2, (y0 + y1) / 2, escape(yLabel)));
    }

    private static List<Double> ticks(Range r) {
        double span = r.hi - r.lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        if (span / step > 10) {
            step *= 2;
        }
        if (span / step > 10) {
            step *= 2.5;
        }
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(r.lo / step) * step; t <= r.hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out;
    }

    private static String label(double t, boolean log) {
        double v = log ? Math.pow(10, t) : t;
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return fmt("%.1e", v);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return fmt("%.0f", v);
        }
        return fmt("%.3g", v);
    }

    private void drawLines(StringBuilder svg, Range xr, Range yr) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = PALETTE[i % PALETTE.length];
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int k = 0; k < s.x.length; k++) {
                if (!usable(s.x[k], logX) || !usable(s.y[k], logY)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : " M").append(fmt("%.1f %.1f", px(s.x[k], xr), py(s.y[k], yr)));
                pen = true;
            }
            svg.append(fmt("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", path.toString().trim(),
                    color, s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
            if (!s.dashed) {
                for (int k = 0; k < s.x.length; k++) {
                    if (usable(s.x[k], logX) && usable(s.y[k], logY)) {
                        svg.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n", px(s.x[k], xr),
                                py(s.y[k], yr), color));
                    }
                }
            }
        }
    }

    private void drawBars(StringBuilder svg, Range xr, Range yr) {
        double groupWidth = (WIDTH - LEFT - RIGHT) / (xr.hi - xr.lo) * 0.8;
        double barWidth = groupWidth / Math.max(1, series.size());
        double base = py(logY ? Math.pow(10, yr.lo) : Math.max(0, yr.lo), yr);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            for (int k = 0; k < s.y.length; k++) {
                if (!usable(s.y[k], logY)) {
                    continue;
                }
                double center = LEFT + (k - xr.lo) / (xr.hi - xr.lo) * (WIDTH - LEFT - RIGHT);
                double x = center - groupWidth / 2 + i * barWidth;
                double y = py(s.y[k], yr);
                svg.append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", x,
                        Math.min(y, base), barWidth * 0.95, Math.abs(base - y), PALETTE[i % PALETTE.length]));
            }
        }
    }

    private void drawLegend(StringBuilder svg) {
        int x = WIDTH - RIGHT + 15;
        for (int i = 0; i < series.size(); i++) {
            int y = TOP + 10 + i * 20;
            String color = PALETTE[i % PALETTE.length];
            svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>\n", x, y,
                    x + 20, y, color, series.get(i).dashed ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", x + 26, y + 4, escape(series.get(i).name)));
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

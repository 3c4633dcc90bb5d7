package io.mlsyslab.analytics.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.analytics.regimes.RegimeReport;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.test.RecordingRunContext;
import io.mlsyslab.platform.test.SvgRendering;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KdeRegimesRunTest {

    private static KdeRegimesRun.Params small() {
        return new KdeRegimesRun.Params(0.5, 12, 1.0, 60, 1, 50, 0.5, 2.0, 9, 3L, 2);
    }

    @Test
    void defaultsAreTheDigestSetting() {
        KdeRegimesRun.Params p = new KdeRegimesRun.Params(null, null, null, null, null, null, null, null, null, null,
                null);
        assertEquals(0.5, p.alpha());
        assertEquals(20, p.d());
        assertEquals(25, p.gridPoints());
        assertEquals(0.5, p.minRatio());
        assertEquals(2.0, p.maxRatio());
    }

    @Test
    void producesReportMetricsAndChart() {
        RecordingRunContext ctx = new RecordingRunContext(-1);
        RegimeReport report = new KdeRegimesRun().execute(small(), ctx);
        assertEquals(403, report.n(), "n = round(e^(0.5 * 12))");
        assertEquals(9, report.points().size());
        assertNotNull(report.empirical().hKl());
        for (String name : List.of("f1", "f2", "participation_ratio", "kl_per_dim", "h_over_hg")) {
            assertEquals(9, ctx.metrics.get(name).size(), name);
        }
        assertEquals(1.0, ctx.progress.getLast());
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("KL/d theory") && svg.contains("stroke-dasharray"), "dashed theory curves");
        SvgRendering.Rendered rendered = SvgRendering.renderAndKeep(svg, "kde-regimes");
        assertEquals(List.of(), rendered.outside(), "texts outside the canvas");
        assertEquals(List.of(), rendered.overlaps(), "overlapping texts");
        assertEquals(8, rendered.texts().stream().filter(t -> List.of("f1", "f2", "Y2", "KL/d", "f1 theory",
                "f2 theory", "Y2 theory", "KL/d theory").contains(t.text())).count(), "every series in the legend");
    }

    @Test
    void cancellationStopsTheSweep() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        assertThrows(RunCancelledException.class, () -> new KdeRegimesRun().execute(small(), ctx));
        assertTrue(ctx.artifacts.isEmpty());
    }

    @Test
    void paramsRejectTooMuchWorkAndBadCombinations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KdeRegimesRun.Params(1.0, 17, null, 5000, 20, null, null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("queries:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KdeRegimesRun.Params(2.0, 100, null, null, null, null, null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("d:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KdeRegimesRun.Params(null, null, null, null, null, null, 2.0, 1.0, null, null, null));
        assertTrue(e.getMessage().startsWith("maxRatio:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KdeRegimesRun.Params(null, null, null, null, null, 1, null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("replicates:"), e.getMessage());
    }
}

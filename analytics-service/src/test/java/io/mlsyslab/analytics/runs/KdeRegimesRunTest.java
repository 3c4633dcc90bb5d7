package io.mlsyslab.analytics.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.analytics.regimes.RegimeReport;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.runs.RunContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KdeRegimesRunTest {

    /** Records what the run reports; cancels after {@code cancelAfter} checks (never when negative). */
    static final class RecordingContext implements RunContext {
        final Map<String, List<Double>> metrics = new HashMap<>();
        final Map<String, byte[]> artifacts = new HashMap<>();
        final List<Double> progress = new ArrayList<>();
        final int cancelAfter;
        int checks;

        RecordingContext(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public UUID runId() {
            return UUID.randomUUID();
        }

        @Override
        public void progress(double fraction) {
            progress.add(fraction);
        }

        @Override
        public void metric(String name, long step, double value) {
            metrics.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        @Override
        public void artifact(String name, String contentType, byte[] bytes) {
            artifacts.put(name, bytes);
        }

        @Override
        public void checkCancelled() {
            if (cancelAfter >= 0 && ++checks > cancelAfter) {
                throw new RunCancelledException("cancelled");
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelAfter >= 0 && checks >= cancelAfter;
        }
    }

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
        RecordingContext ctx = new RecordingContext(-1);
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
    }

    @Test
    void cancellationStopsTheSweep() {
        RecordingContext ctx = new RecordingContext(1);
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

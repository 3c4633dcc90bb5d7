package io.mlsyslab.network.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.sim.StackPreset;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.test.RecordingRunContext;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WirelessCrossLayerRunTest {

    private static WirelessCrossLayerParams small() {
        return new WirelessCrossLayerParams(1, 2.0, 2, 7L, null, null, null, null, null, null, null, null, null, null,
                List.of(StackPreset.L1, StackPreset.X), List.of(10.0, 20.0), List.of(111.0), List.of(), List.of(), List.of());
    }

    @Test
    void smallSweepProducesPointsMetricsChartsAndProgress() {
        RecordingRunContext ctx = new RecordingRunContext(Integer.MAX_VALUE);
        WirelessCrossLayerResult result = new WirelessCrossLayerRun().execute(small(), ctx);
        assertEquals(List.of("meanSnrDb", "dopplerHz"), result.sweeps().stream().map(WirelessCrossLayerResult.Sweep::parameter).toList());
        assertEquals(2, result.sweeps().getFirst().points().size());
        assertEquals(3L * 2 * 2, result.simulations());
        WirelessCrossLayerResult.Point first = result.sweeps().getFirst().points().getFirst();
        assertEquals(10.0, first.value(), 0.0);
        assertEquals(List.of("L1", "X"), first.stacks().stream().map(WirelessCrossLayerResult.StackMetrics::stack).toList());
        WirelessCrossLayerResult.Metric miss = first.stacks().get(1).metrics().get("deadlineMissRate");
        assertTrue(miss.mean() >= 0 && miss.mean() <= 1);
        assertNotNull(miss.halfWidth95(), "two seeds give a confidence interval");
        assertEquals(1.0, ctx.progress.getLast(), 1e-12);
        assertEquals(2, ctx.metrics.get("meanSnrDb.X.deadlineMissRate").size());
        assertEquals(1, ctx.metrics.get("dopplerHz.L1.psnrMeanDb").size());
        String chart = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertTrue(chart.startsWith("<svg") && chart.contains("deadline-miss") && chart.contains("PSNR"));
        assertTrue(chart.contains(">X<") && chart.contains(">L1<"), "a series per stack");
        assertTrue(ctx.artifacts.containsKey("sweep-dopplerHz.svg"));
        assertFalse(ctx.artifacts.containsKey("sweep-retryLimit.svg"), "empty sweeps are skipped");
        // the result is plain JSON (no NaN): what the runs core stores as result.json
        String json = JsonMapper.builder().build().writeValueAsString(result);
        assertFalse(json.contains("NaN") || json.contains("Infinity"));
    }

    @Test
    void sameParamsSameResult() {
        WirelessCrossLayerResult a = new WirelessCrossLayerRun().execute(small(), new RecordingRunContext(Integer.MAX_VALUE));
        WirelessCrossLayerResult b = new WirelessCrossLayerRun().execute(small(), new RecordingRunContext(Integer.MAX_VALUE));
        assertEquals(a.sweeps(), b.sweeps());
    }

    @Test
    void cancellationIsSeenBetweenSweepPoints() {
        RecordingRunContext ctx = new RecordingRunContext(1);
        assertThrows(RunCancelledException.class, () -> new WirelessCrossLayerRun().execute(small(), ctx));
        assertEquals(1, ctx.progress.size(), "one point finished before the second check");
    }

    @Test
    void defaultsAreFilledAndListsValidatedWithTheFieldNamed() {
        WirelessCrossLayerParams d = new WirelessCrossLayerParams(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(List.of(10.0, 15.0, 20.0), d.meanSnrDbSweep());
        assertEquals(List.of(0, 1, 2, 3, 7), d.retryLimitSweep());
        assertEquals(6, d.stacks().size());
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            var bad = factory.getValidator().validate(new WirelessCrossLayerParams(null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, List.of(10.0, 99.0), null, null, null, null));
            assertEquals(List.of("meanSnrDbSweep[1].<list element>"),
                    bad.stream().map(v -> v.getPropertyPath().toString()).toList());
        }
        FieldErrorException big = assertThrows(FieldErrorException.class, () -> new WirelessCrossLayerParams(
                8, 60.0, 30, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null));
        assertTrue(big.getMessage().startsWith("durationSeconds:"), big.getMessage());
        assertEquals(FieldErrorException.Reason.TOO_LARGE, big.reason());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new WirelessCrossLayerParams(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, List.of(),
                List.of(), List.of(), List.of(), List.of()));
        assertTrue(none.getMessage().startsWith("meanSnrDbSweep:"));
    }

    @Test
    void jakartaConstraintsRejectOutOfRangeScalars() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            WirelessCrossLayerParams p = new WirelessCrossLayerParams(9, null, 1, null, null, null, null, null,
                    null, null, null, null, null, null, null, List.of(10.0), null, null, null, null);
            var fields = validator.validate(p).stream().map(v -> v.getPropertyPath().toString()).sorted().toList();
            assertEquals(List.of("seeds", "users"), fields);
        }
    }

    private final RunKindRegistry registry = new RunKindRegistry(List.of(new WirelessCrossLayerRun()),
            JsonMapper.builder().build(), Validation.buildDefaultValidatorFactory().getValidator());

    private ProblemException submit(String params) {
        WirelessCrossLayerRun kind = new WirelessCrossLayerRun();
        return assertThrows(ProblemException.class,
                () -> registry.bind(kind, JsonMapper.builder().build().readTree(params)));
    }

    @SuppressWarnings("unchecked")
    private static String field(ProblemException e) {
        return ((List<java.util.Map<String, String>>) e.properties().get("errors")).getFirst().get("field");
    }

    @Test
    void unknownStacksAndFadingAreRefusedAtSubmissionNamingTheElement() {
        ProblemException stack = submit("{\"stacks\": [\"X\", \"L2\"]}");
        assertEquals(400, stack.status());
        assertEquals("params.stacks[1]", field(stack));
        ProblemException fading = submit("{\"fading\": \"RICIAN\"}");
        assertEquals("params.fading", field(fading));
        assertTrue(fading.getMessage().contains("AR1"), fading.getMessage());
        assertFalse(fading.getMessage().contains("io.mlsyslab"), fading.getMessage());
        ProblemException sweep = submit("{\"retryLimitSweep\": [1, 17]}");
        assertEquals("params.retryLimitSweep[1]", field(sweep));
        ProblemException big = submit("{\"users\": 8, \"durationSeconds\": 60, \"seeds\": 30}");
        assertEquals(413, big.status());
        assertEquals("params.durationSeconds", field(big));
        // display names of the stacks still bind, and the run stores the constant names
        WirelessCrossLayerParams p = (WirelessCrossLayerParams) registry.bind(new WirelessCrossLayerRun(),
                JsonMapper.builder().build().readTree("{\"stacks\": [\"x-no-priority\", \"L0\"]}"));
        assertEquals(List.of(StackPreset.X_NO_PRIORITY, StackPreset.L0), p.stacks());
        assertEquals("[\"X_NO_PRIORITY\",\"L0\"]", registry.toTree(p).path("stacks").toString());
        var schema = registry.describe().getFirst().paramsSchema().path("properties");
        assertEquals(16, schema.path("retryLimitSweep").path("items").path("maximum").asInt());
        assertTrue(schema.path("stacks").path("items").path("enum").toString().contains("X_STATISTICAL_CSI"));
    }

    @Test
    void modeTableIsATypedVocabularyWithTheOldWireNames() {
        var json = JsonMapper.builder().build();
        WirelessCrossLayerParams p = (WirelessCrossLayerParams) registry.bind(new WirelessCrossLayerRun(),
                json.readTree("{\"modeTable\": \"ieee80211ag\"}"));
        assertEquals(io.mlsyslab.network.wireless.phy.ModeTableName.IEEE_80211AG, p.modeTable());
        assertEquals(io.mlsyslab.network.wireless.phy.ModeTable.IEEE_80211AG, p.modeTable().table());
        assertEquals("\"ieee80211ag\"", registry.toTree(p).path("modeTable").toString());
        WirelessCrossLayerParams d = (WirelessCrossLayerParams) registry.bind(new WirelessCrossLayerRun(),
                json.readTree("{}"));
        assertEquals("\"lzg\"", registry.toTree(d).path("modeTable").toString());
        ProblemException unknown = submit("{\"modeTable\": \"lte\"}");
        assertEquals(400, unknown.status());
        assertEquals("params.modeTable", field(unknown));
        assertTrue(unknown.getMessage().contains("ieee80211ag"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("io.mlsyslab"), unknown.getMessage());
        var schema = registry.describe().getFirst().paramsSchema().path("properties").path("modeTable");
        assertEquals("[\"lzg\",\"ieee80211ag\"]", schema.path("enum").toString());
        assertEquals("\"lzg\"", registry.describe().getFirst().defaults().path("modeTable").toString());
    }

    /** The default sweeps (17 points x 6 stacks x 5 seeds x 10 s of video); tagged slow, excluded by default. */
    @Test
    @Tag("slow")
    void defaultSweepsFinish() {
        WirelessCrossLayerParams d = new WirelessCrossLayerParams(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        RecordingRunContext ctx = new RecordingRunContext(Integer.MAX_VALUE);
        WirelessCrossLayerResult r = new WirelessCrossLayerRun().execute(d, ctx);
        assertEquals(5, r.sweeps().size());
        assertEquals(17L * 6 * 5, r.simulations());
        System.out.printf("default wireless-crosslayer sweeps: %.1f s for %d simulations%n", r.elapsedSeconds(),
                r.simulations());
        for (WirelessCrossLayerResult.Sweep s : r.sweeps()) {
            for (WirelessCrossLayerResult.Point pt : s.points()) {
                StringBuilder line = new StringBuilder(String.format("%s=%s", s.parameter(), pt.value()));
                for (WirelessCrossLayerResult.StackMetrics m : pt.stacks()) {
                    line.append(String.format("  %s miss=%.3f±%.3f psnr=%.1f", m.stack(),
                            m.metrics().get("deadlineMissRate").mean(), m.metrics().get("deadlineMissRate").halfWidth95(),
                            m.metrics().get("psnrMeanDb").mean()));
                }
                System.out.println(line);
            }
        }
    }
}

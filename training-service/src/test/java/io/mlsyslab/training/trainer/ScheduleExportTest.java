package io.mlsyslab.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlsyslab.nn.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleExportTest {

    @Test
    void theRulesAcceptTheDocumentedExampleAndRejectWrongNames() throws IOException {
        String example;
        try (InputStream in = getClass().getResourceAsStream("/sync-schedule/doc-example.json")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SyncScheduleRules.validate(example, true);
        assertThrows(IllegalArgumentException.class, () -> SyncScheduleRules.validate(
                example.replace("\"timeSeconds\"", "\"time\""), true));
        assertThrows(IllegalArgumentException.class, () -> SyncScheduleRules.validate(
                example.replace("268435456", "0"), true));
        assertThrows(IllegalArgumentException.class, () -> SyncScheduleRules.validate(
                example.replace("[0, 1, 2, 3]", "[0, 9]"), true));
    }

    @Test
    void streamingRunExportsOneEventPerFragmentSync() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.STREAMING_DILOCO, 10, 2, 1, io.mlsyslab.training.quant.Codec.FP4_E3M0, 30);
        TrainingOutcome o = InProcessTrainer.train(c, TrainingListener.NONE);
        String json = ScheduleExport.json(c.workers(), o.syncs());
        SyncScheduleRules.validate(json, true);
        Map<String, Object> doc = Json.parseObject(json);
        assertEquals("mlsys-lab/sync-schedule@1", doc.get("format"));
        assertEquals(2, ((Number) doc.get("workers")).intValue());
        List<?> events = (List<?>) doc.get("events");
        assertEquals(o.syncs().size(), events.size());
        double last = -1;
        for (int i = 0; i < events.size(); i++) {
            Map<?, ?> e = (Map<?, ?>) events.get(i);
            assertEquals(o.syncs().get(i).bufferBytes(), ((Number) e.get("bytesPerWorker")).longValue());
            double t = ((Number) e.get("timeSeconds")).doubleValue();
            assertEquals(true, t >= last, "events in time order");
            last = t;
        }
        assertEquals("step-15 fragment-1", ((Map<?, ?>) events.get(1)).get("label"));
    }

    @Test
    void longRunsAreAggregatedToTwoThousandEvents() {
        List<SyncRecord> syncs = new ArrayList<>();
        for (int t = 1; t <= 4500; t++) {
            syncs.add(new SyncRecord(t, 0, 1000, 1024, 1024, t * 0.01, 0.001));
        }
        String json = ScheduleExport.json(4, syncs);
        SyncScheduleRules.validate(json, true);
        List<?> events = (List<?>) Json.parseObject(json).get("events");
        assertEquals(1500, events.size());
        long total = 0;
        for (Object e : events) {
            total += ((Number) ((Map<?, ?>) e).get("bytesPerWorker")).longValue();
        }
        assertEquals(4500L * 1000, total);
    }
}

package io.mlsyslab.training.trainer;

import io.mlsyslab.nn.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's synchronisations in network-service's {@code mlsys-lab/sync-schedule@1} format
 * ({@code network-service/docs/sync-schedule-format.md}), usable verbatim as {@code traffic.schedule} of
 * {@code POST /api/network/fabric/analyze}.
 *
 * <p>One event per synchronisation of rank 0 (every worker takes part in every one): {@code timeSeconds} is when
 * rank 0 issued it (measured, seconds from the start of its training loop), {@code bytesPerWorker} the collective's
 * buffer M = the encoded payload of one worker's contribution (whole gradient in fp32 for data-parallel, whole
 * model for DiLoCo, one fragment for Streaming DiLoCo, in the run's quantisation; message headers excluded),
 * {@code collective} {@code ring-all-reduce}, and a label naming the step and fragment. Runs with more than
 * {@value #MAX_EVENTS} synchronisations (data-parallel syncs every step) are aggregated: consecutive groups of
 * {@code ceil(n / 2000)} events become one event at the group's first time with the group's summed bytes.
 */
public final class ScheduleExport {
    public static final String FORMAT = "mlsys-lab/sync-schedule@1";
    public static final int MAX_EVENTS = 2000;

    private ScheduleExport() {
    }

    /** The schedule document as a JSON-ready map. */
    public static Map<String, Object> schedule(int workers, List<SyncRecord> syncs) {
        if (syncs.isEmpty()) {
            throw new IllegalArgumentException("syncs: a schedule needs at least one synchronisation");
        }
        int group = (syncs.size() + MAX_EVENTS - 1) / MAX_EVENTS;
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < syncs.size(); i += group) {
            List<SyncRecord> g = syncs.subList(i, Math.min(syncs.size(), i + group));
            long bytes = 0;
            for (SyncRecord r : g) {
                bytes += r.bufferBytes();
            }
            SyncRecord first = g.getFirst();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("timeSeconds", Math.max(0, first.seconds()));
            e.put("bytesPerWorker", bytes);
            e.put("collective", "ring-all-reduce");
            e.put("label", g.size() == 1 ? "step-" + first.step() + " fragment-" + first.fragment()
                    : "steps " + first.step() + "-" + g.getLast().step() + " (" + g.size() + " syncs)");
            events.add(e);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("workers", workers);
        doc.put("events", events);
        return doc;
    }

    public static String json(int workers, List<SyncRecord> syncs) {
        return Json.write(schedule(workers, syncs));
    }
}

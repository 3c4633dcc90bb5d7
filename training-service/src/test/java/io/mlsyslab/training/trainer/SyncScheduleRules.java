package io.mlsyslab.training.trainer;

import io.mlsyslab.nn.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of network-service's {@code mlsys-lab/sync-schedule@1} (network-service/docs/sync-schedule-format.md),
 * restated here so training-service can check its export without depending on network-service: field names,
 * types, required fields, ranges, the collective names and the API's 2,000-event limit.
 */
final class SyncScheduleRules {
    static final Set<String> COLLECTIVES = Set.of("ring-all-reduce", "halving-doubling", "all-to-all", "permutation",
            "double-binary-tree");
    static final Set<String> TOP = Set.of("format", "workers", "events");
    static final Set<String> EVENT = Set.of("timeSeconds", "participants", "bytesPerWorker", "collective", "label");

    private SyncScheduleRules() {
    }

    /** Throws IllegalArgumentException naming the first violated rule. */
    static void validate(String json, boolean onlyDocumentedFields) {
        Map<String, Object> doc = Json.parseObject(json);
        if (onlyDocumentedFields && !TOP.containsAll(doc.keySet())) {
            throw new IllegalArgumentException("schedule: undocumented fields " + doc.keySet());
        }
        Object format = doc.get("format");
        if (format != null && !"mlsys-lab/sync-schedule@1".equals(format)) {
            throw new IllegalArgumentException("format: " + format);
        }
        Integer workers = null;
        if (doc.get("workers") != null) {
            if (!(doc.get("workers") instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.intValue() < 1) {
                throw new IllegalArgumentException("workers: not a positive integer: " + doc.get("workers"));
            }
            workers = n.intValue();
        }
        if (!(doc.get("events") instanceof List<?> events) || events.isEmpty() || events.size() > 2000) {
            throw new IllegalArgumentException("events: need 1..2000 events");
        }
        for (int i = 0; i < events.size(); i++) {
            String at = "events[" + i + "]";
            if (!(events.get(i) instanceof Map<?, ?> e)) {
                throw new IllegalArgumentException(at + ": not an object");
            }
            if (onlyDocumentedFields && !EVENT.containsAll(e.keySet())) {
                throw new IllegalArgumentException(at + ": undocumented fields " + e.keySet());
            }
            Object t = e.get("timeSeconds");
            if (t != null && (!(t instanceof Number tn) || !(tn.doubleValue() >= 0)
                    || Double.isInfinite(tn.doubleValue()))) {
                throw new IllegalArgumentException(at + ".timeSeconds: must be a number >= 0, was " + t);
            }
            if (!(e.get("bytesPerWorker") instanceof Number b) || !(b.doubleValue() > 0)) {
                throw new IllegalArgumentException(at + ".bytesPerWorker: required, > 0, was " + e.get("bytesPerWorker"));
            }
            Object c = e.get("collective");
            if (c != null && !COLLECTIVES.contains(c)) {
                throw new IllegalArgumentException(at + ".collective: unknown " + c);
            }
            Object l = e.get("label");
            if (l != null && !(l instanceof String)) {
                throw new IllegalArgumentException(at + ".label: not a string");
            }
            if (e.get("participants") instanceof List<?> ps) {
                Set<Integer> seen = new HashSet<>();
                for (Object p : ps) {
                    int id = ((Number) p).intValue();
                    if (!seen.add(id) || id < 0 || (workers != null && id >= workers)) {
                        throw new IllegalArgumentException(at + ".participants: bad worker " + p);
                    }
                }
            }
        }
    }
}

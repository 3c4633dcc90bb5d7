package io.mlsyslab.network.fabric.traffic;

import java.util.List;

/**
 * A training-synchronisation schedule to replay (format documented in network-service/docs/sync-schedule-format.md):
 * {@code workers} data-parallel workers and the synchronisation events between them.
 */
public record SyncSchedule(String format, Integer workers, List<SyncEvent> events) {

    public static final String FORMAT = "mlsys-lab/sync-schedule@1";

    public SyncSchedule {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * One synchronisation: at {@code timeSeconds}, {@code participants} (worker ids; all workers when null) run
     * {@code collective} (default ring-all-reduce) over {@code bytesPerWorker} bytes each.
     */
    public record SyncEvent(Double timeSeconds, List<Integer> participants, Double bytesPerWorker, String collective,
                            String label) {

        public SyncEvent {
            participants = participants == null ? null : List.copyOf(participants);
        }
    }
}

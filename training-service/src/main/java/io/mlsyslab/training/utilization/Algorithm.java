package io.mlsyslab.training.utilization;

/**
 * The five methods of Streaming DiLoCo Table 4, each a {@link SyncScheme} built from shared {@link SyncSettings}.
 */
public enum Algorithm {
    DATA_PARALLEL("data-parallel", "Data-parallel"),
    DILOCO("diloco", "Vanilla DiLoCo"),
    STREAMING_DILOCO("streaming-diloco", "Streaming"),
    STREAMING_DILOCO_OVERLAP("streaming-diloco-overlap", "+ overlap"),
    STREAMING_DILOCO_OVERLAP_FP4("streaming-diloco-overlap-fp4", "+ overlap + FP4");

    /** Regex of the wire names, for params validation. */
    public static final String NAMES =
            "data-parallel|diloco|streaming-diloco|streaming-diloco-overlap|streaming-diloco-overlap-fp4";

    private final String wireName;
    private final String paperRow;

    Algorithm(String wireName, String paperRow) {
        this.wireName = wireName;
        this.paperRow = paperRow;
    }

    public String wireName() {
        return wireName;
    }

    /** The row label of Table 4. */
    public String paperRow() {
        return paperRow;
    }

    public SyncScheme scheme(SyncSettings s) {
        return new SyncScheme(period(s.period()), fragmentLayers(s.fragmentLayers()), overlapSteps(s.overlapSteps()),
                this == STREAMING_DILOCO_OVERLAP_FP4 ? s.quantizedBits() : s.payloadBits(), s.layout());
    }

    /** H of this method: 1 for data-parallel (a sync every step), the shared H otherwise. */
    public int period(int period) {
        return this == DATA_PARALLEL ? 1 : period;
    }

    /** Blocks per fragment: 0 (the whole model) unless streaming. */
    public int fragmentLayers(int fragmentLayers) {
        return this == DATA_PARALLEL || this == DILOCO ? 0 : fragmentLayers;
    }

    /** Overlap tau: only the overlap methods continue training while a sync is in flight. */
    public int overlapSteps(int overlapSteps) {
        return this == STREAMING_DILOCO_OVERLAP || this == STREAMING_DILOCO_OVERLAP_FP4 ? overlapSteps : 0;
    }

    public static Algorithm fromName(String field, String name) {
        for (Algorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(field + ": unknown algorithm '" + name + "' (" + NAMES.replace('|', ' ')
                + ")");
    }
}

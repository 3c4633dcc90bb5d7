package io.mlsyslab.training.utilization;

/**
 * Settings shared by the algorithms of one study; the defaults ({@link #paper()}) are Streaming DiLoCo's simulation:
 * H = 100, fragments of 3 blocks, strided, overlap tau = 1, bf16 (16-bit) payloads, 4-bit (FP4 E3M0) quantised
 * payloads, M = 2 workers.
 */
public record SyncSettings(int period, int fragmentLayers, int overlapSteps, double payloadBits, double quantizedBits,
                           FragmentLayout layout, int workers) {

    public static final int MAX_PERIOD = 10_000;
    public static final int MAX_FRAGMENT_LAYERS = 1000;
    public static final int MAX_OVERLAP_STEPS = 100;
    public static final int MAX_BITS = 64;
    public static final int MAX_WORKERS = 100_000;

    public SyncSettings {
        if (period < 1 || period > MAX_PERIOD) {
            throw new IllegalArgumentException("period: must be in [1, " + MAX_PERIOD + "], got " + period);
        }
        if (fragmentLayers < 1 || fragmentLayers > MAX_FRAGMENT_LAYERS) {
            throw new IllegalArgumentException("fragmentLayers: must be in [1, " + MAX_FRAGMENT_LAYERS + "], got "
                    + fragmentLayers);
        }
        if (overlapSteps < 0 || overlapSteps > MAX_OVERLAP_STEPS) {
            throw new IllegalArgumentException("overlapSteps: must be in [0, " + MAX_OVERLAP_STEPS + "], got "
                    + overlapSteps);
        }
        if (overlapSteps >= period && overlapSteps > 0) {
            throw new IllegalArgumentException("overlapSteps: must be below period (" + period + ") so that a block "
                    + "has at most one sync in flight, got " + overlapSteps);
        }
        if (!(payloadBits >= 1 && payloadBits <= MAX_BITS)) {
            throw new IllegalArgumentException("payloadBits: must be in [1, " + MAX_BITS + "], got " + payloadBits);
        }
        if (!(quantizedBits >= 1 && quantizedBits <= MAX_BITS)) {
            throw new IllegalArgumentException("quantizedBits: must be in [1, " + MAX_BITS + "], got "
                    + quantizedBits);
        }
        if (layout == null) {
            throw new IllegalArgumentException("fragmentLayout: required");
        }
        if (workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers: at most " + MAX_WORKERS + ", got " + workers);
        }
        RingAllReduce.factor(workers);
    }

    public static SyncSettings paper() {
        return new SyncSettings(100, 3, 1, 16, 4, FragmentLayout.STRIDED, 2);
    }

    public boolean isPaper() {
        return equals(paper());
    }
}

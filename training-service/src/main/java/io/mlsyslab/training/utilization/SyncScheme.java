package io.mlsyslab.training.utilization;

/**
 * When and how much each replica exchanges, in the terms of the simulator: every block's values are all-reduced once
 * per period of {@code period} steps, block by block as its parameter gradient becomes ready; blocks are grouped into
 * fragments of {@code fragmentLayers} blocks ({@code 0} = the whole model is one fragment) whose syncs are staggered
 * over the period; the synchronised values are needed {@code overlapSteps} steps after the step that follows the sync.
 *
 * <p>Data-parallel is {@code period 1, whole model, overlap 0}; DiLoCo is {@code period H, whole model, overlap 0};
 * Streaming DiLoCo is {@code period H, fragments of 3 blocks, overlap 0 or tau}.
 *
 * @param period         H, steps between two syncs of the same block (1 = every step)
 * @param fragmentLayers blocks per fragment; 0 = one fragment holding every block
 * @param overlapSteps   tau, inner steps computed while a fragment's sync is in flight (0 = blocking)
 * @param payloadBits    bits per value on the wire (16 = bf16, 4 = fp4 E3M0, 32 = fp32)
 * @param layout         how blocks are grouped into fragments
 */
public record SyncScheme(int period, int fragmentLayers, int overlapSteps, double payloadBits, FragmentLayout layout) {

    public SyncScheme {
        if (period < 1 || period > 100_000) {
            throw new IllegalArgumentException("period: must be in [1, 100000], got " + period);
        }
        if (fragmentLayers < 0 || fragmentLayers > 1000) {
            throw new IllegalArgumentException("fragmentLayers: must be in [0, 1000], got " + fragmentLayers);
        }
        if (overlapSteps < 0 || overlapSteps >= period && overlapSteps > 0) {
            throw new IllegalArgumentException("overlapSteps: must be in [0, period) so that a block has at most one "
                    + "sync in flight, got " + overlapSteps + " with period " + period);
        }
        if (!(payloadBits > 0 && payloadBits <= 64)) {
            throw new IllegalArgumentException("payloadBits: must be in (0, 64], got " + payloadBits);
        }
        if (layout == null) {
            throw new IllegalArgumentException("layout: required");
        }
    }

    /** Number of fragments P of a model with {@code layers} blocks. */
    public int fragments(int layers) {
        return fragmentLayers == 0 || fragmentLayers >= layers ? 1 : (layers + fragmentLayers - 1) / fragmentLayers;
    }

    /** Fragment (0-based) of block {@code layer} (1-based). */
    public int fragmentOf(int layer, int layers) {
        int p = fragments(layers);
        if (p == 1) {
            return 0;
        }
        return layout == FragmentLayout.STRIDED ? (layer - 1) % p : (layer - 1) / fragmentLayers;
    }

    /** Offset t_p = floor(p H / P) of fragment p within the period (Streaming DiLoCo section 2.2). */
    public int offset(int fragment, int fragments) {
        return (int) ((long) fragment * period / fragments);
    }

    /** Whether fragment {@code fragment} is synchronised after step {@code step} (1-based): (t - t_p) mod H = 0. */
    public boolean syncsAt(int fragment, int fragments, long step) {
        return Math.floorMod(step - offset(fragment, fragments), period) == 0;
    }
}

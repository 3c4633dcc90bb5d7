package io.mlsyslab.network.fabric.topology;

/**
 * A failed bidirectional link between a lower switch and an upper switch.
 *
 * <p>Leaf-spine: {@code lower} = leaf, {@code upper} = spine. Fat-tree, tier {@link Tier#EDGE_AGG}: {@code lower} =
 * global edge switch index, {@code upper} = aggregation switch position inside the pod (0..k/2-1); tier
 * {@link Tier#AGG_CORE}: {@code lower} = global aggregation switch index, {@code upper} = global core index (the core
 * must belong to that aggregation switch's group).
 */
public record FailedLink(int lower, int upper, Tier tier) {

    public enum Tier { LEAF_SPINE, EDGE_AGG, AGG_CORE }

    public FailedLink {
        if (tier == null) {
            tier = Tier.LEAF_SPINE;
        }
    }

    public static FailedLink leafSpine(int leaf, int spine) {
        return new FailedLink(leaf, spine, Tier.LEAF_SPINE);
    }
}

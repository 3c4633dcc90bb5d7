package io.mlsyslab.network.fabric.topology;

import io.mlsyslab.contract.FieldErrorException;
import java.util.Locale;

/** The two fabric shapes the engine models. */
public enum TopologyKind {
    /** Two tiers: every leaf has one link to every spine. */
    LEAF_SPINE("leaf-spine"),
    /** Three-tier k-ary fat-tree: k pods of k/2 edge and k/2 aggregation switches, (k/2)^2 cores. */
    FAT_TREE("fat-tree");

    private final String wireName;

    TopologyKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static TopologyKind fromName(String field, String name) {
        if (name == null) {
            return LEAF_SPINE;
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (TopologyKind k : values()) {
            if (k.wireName.equals(n)) {
                return k;
            }
        }
        throw new FieldErrorException(field, "unknown topology '" + name + "' (expected leaf-spine or fat-tree)");
    }
}

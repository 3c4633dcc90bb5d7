package io.mlsyslab.network.fabric.topology;

import java.util.List;

/**
 * Everything needed to build a {@link Fabric}. For {@link TopologyKind#LEAF_SPINE} the counts are given directly;
 * for {@link TopologyKind#FAT_TREE} only {@code k} matters (leaves = k^2/2 edge switches, k/2 hosts each).
 *
 * @param fabricLinkGbps speed of every switch-to-switch link; when {@code null} it is derived from
 *                       {@code oversubscription} as hostsPerLeaf * hostLinkGbps / (spines * oversubscription)
 * @param switchRadix    ports per switch, or {@code null} for unlimited; a leaf needs hostsPerLeaf + spines ports
 *                       and a spine needs one port per leaf
 */
public record FabricSpec(
        TopologyKind topology,
        int leaves,
        int spines,
        int hostsPerLeaf,
        int k,
        double hostLinkGbps,
        Double fabricLinkGbps,
        Double oversubscription,
        double linkLatencyNs,
        Integer switchRadix,
        List<FailedLink> failedLinks) {

    public static final int MAX_LEAVES = 4096;
    public static final int MAX_SPINES = 1024;
    public static final int MAX_HOSTS = 1 << 20;

    public FabricSpec {
        topology = topology == null ? TopologyKind.LEAF_SPINE : topology;
        failedLinks = failedLinks == null ? List.of() : List.copyOf(failedLinks);
    }

    /** A 1:1 leaf-spine fabric with equal host and fabric speeds and no failures. */
    public static FabricSpec leafSpine(int leaves, int spines, int hostsPerLeaf, double gbps, double latencyNs) {
        return new FabricSpec(TopologyKind.LEAF_SPINE, leaves, spines, hostsPerLeaf, 0, gbps, gbps, null, latencyNs,
                null, List.of());
    }

    public static FabricSpec fatTree(int k, double gbps, double latencyNs) {
        return new FabricSpec(TopologyKind.FAT_TREE, 0, 0, 0, k, gbps, gbps, null, latencyNs, null, List.of());
    }

    public FabricSpec withFailures(List<FailedLink> failures) {
        return new FabricSpec(topology, leaves, spines, hostsPerLeaf, k, hostLinkGbps, fabricLinkGbps,
                oversubscription, linkLatencyNs, switchRadix, failures);
    }

    /** Speed of the switch-to-switch links after applying the oversubscription rule. */
    public double effectiveFabricLinkGbps() {
        if (fabricLinkGbps != null) {
            return fabricLinkGbps;
        }
        if (oversubscription == null) {
            return hostLinkGbps;
        }
        if (topology == TopologyKind.FAT_TREE) {
            return hostLinkGbps / oversubscription;
        }
        return hostsPerLeaf * hostLinkGbps / (spines * oversubscription);
    }
}

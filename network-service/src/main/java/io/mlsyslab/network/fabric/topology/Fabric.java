package io.mlsyslab.network.fabric.topology;

/**
 * A built fabric: directed links with ids and capacities, hosts attached to leaves (edge switches), and the equal-cost
 * paths between every pair of leaves. Links are directed; a failed physical link removes both directions.
 *
 * <p>Link ids: {@code [0, hosts)} host-to-leaf, {@code [hosts, 2*hosts)} leaf-to-host, then the fabric links.
 * A path id names one equal-cost route between two leaves; {@link #pathLinks} expands it into fabric link ids.
 */
public sealed interface Fabric permits LeafSpineFabric, FatTreeFabric {

    TopologyKind kind();

    int hostCount();

    int leafCount();

    int hostsPerLeaf();

    default int leafOf(int host) {
        return host / hostsPerLeaf();
    }

    int linkCount();

    default int hostUpLink(int host) {
        return host;
    }

    default int hostDownLink(int host) {
        return hostCount() + host;
    }

    default boolean isFabricLink(int link) {
        return link >= 2 * hostCount();
    }

    boolean isHealthy(int link);

    /** Capacity in bytes per second: every fabric link has the fabric speed, every host link the host speed. */
    default double capacityBytesPerSecond(int link) {
        return isFabricLink(link) ? fabricCapacityBytesPerSecond() : hostCapacityBytesPerSecond();
    }

    /** Capacity of every switch-to-switch link in bytes per second (all fabric links share one speed). */
    double fabricCapacityBytesPerSecond();

    double hostCapacityBytesPerSecond();

    String linkName(int link);

    /** Number of equal-cost paths between two distinct leaves, failed ones included. */
    int pathCount(int srcLeaf, int dstLeaf);

    /** Ids of the paths between two distinct leaves whose every link is healthy; callers must not modify the array. */
    int[] healthyPaths(int srcLeaf, int dstLeaf);

    /** Writes the fabric links of one path into {@code out}; returns how many. */
    int pathLinks(int srcLeaf, int dstLeaf, int path, int[] out);

    /** Most fabric links any path has (2 for leaf-spine, 4 for fat-tree). */
    int maxPathLinks();

    /** Links a packet crosses from host to host: 2 inside a leaf, more across the fabric. */
    int hopsBetweenLeaves(int srcLeaf, int dstLeaf);

    double linkLatencySeconds();

    int failedLinkCount();

    /** Host count times host speed over the leaf's uplink capacity (1.0 = non-blocking). */
    double oversubscription();
}

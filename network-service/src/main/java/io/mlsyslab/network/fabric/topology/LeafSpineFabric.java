package io.mlsyslab.network.fabric.topology;

import java.util.Arrays;

/**
 * Two-tier leaf-spine: L leaves, S spines, H hosts per leaf, one link between every leaf and spine. Path j between two
 * leaves goes through spine j, so there are exactly S equal-cost paths.
 */
public final class LeafSpineFabric implements Fabric {

    private final int leaves;
    private final int spines;
    private final int hostsPerLeaf;
    private final int hosts;
    private final double hostBytesPerSecond;
    private final double fabricBytesPerSecond;
    private final double latencySeconds;
    private final boolean[] spineFailed; // [leaf * spines + spine]
    private final boolean[] leafHasFailure;
    private final int failedLinks;
    private final int[] allPaths;

    LeafSpineFabric(FabricSpec spec) {
        this.leaves = spec.leaves();
        this.spines = spec.spines();
        this.hostsPerLeaf = spec.hostsPerLeaf();
        this.hosts = leaves * hostsPerLeaf;
        this.hostBytesPerSecond = spec.hostLinkGbps() * 1e9 / 8;
        this.fabricBytesPerSecond = spec.effectiveFabricLinkGbps() * 1e9 / 8;
        this.latencySeconds = spec.linkLatencyNs() * 1e-9;
        this.spineFailed = new boolean[leaves * spines];
        this.leafHasFailure = new boolean[leaves];
        int failed = 0;
        for (FailedLink f : spec.failedLinks()) {
            if (!spineFailed[f.lower() * spines + f.upper()]) {
                spineFailed[f.lower() * spines + f.upper()] = true;
                failed++;
            }
            leafHasFailure[f.lower()] = true;
        }
        this.failedLinks = failed;
        this.allPaths = new int[spines];
        Arrays.setAll(allPaths, i -> i);
    }

    public int spineCount() {
        return spines;
    }

    private int fabricBase() {
        return 2 * hosts;
    }

    /** Directed link leaf -> spine. */
    public int upLink(int leaf, int spine) {
        return fabricBase() + leaf * spines + spine;
    }

    /** Directed link spine -> leaf. */
    public int downLink(int spine, int leaf) {
        return fabricBase() + leaves * spines + leaf * spines + spine;
    }

    @Override
    public TopologyKind kind() {
        return TopologyKind.LEAF_SPINE;
    }

    @Override
    public int hostCount() {
        return hosts;
    }

    @Override
    public int leafCount() {
        return leaves;
    }

    @Override
    public int hostsPerLeaf() {
        return hostsPerLeaf;
    }

    @Override
    public int linkCount() {
        return fabricBase() + 2 * leaves * spines;
    }

    @Override
    public boolean isHealthy(int link) {
        if (!isFabricLink(link)) {
            return true;
        }
        int i = (link - fabricBase()) % (leaves * spines);
        return !spineFailed[i];
    }

    @Override
    public double fabricCapacityBytesPerSecond() {
        return fabricBytesPerSecond;
    }

    @Override
    public double hostCapacityBytesPerSecond() {
        return hostBytesPerSecond;
    }

    @Override
    public String linkName(int link) {
        if (link < hosts) {
            return "host" + link + "->leaf" + leafOf(link);
        }
        if (link < 2 * hosts) {
            int h = link - hosts;
            return "leaf" + leafOf(h) + "->host" + h;
        }
        int i = link - fabricBase();
        if (i < leaves * spines) {
            return "leaf" + i / spines + "->spine" + i % spines;
        }
        i -= leaves * spines;
        return "spine" + i % spines + "->leaf" + i / spines;
    }

    @Override
    public int pathCount(int srcLeaf, int dstLeaf) {
        return spines;
    }

    @Override
    public int[] healthyPaths(int srcLeaf, int dstLeaf) {
        if (!leafHasFailure[srcLeaf] && !leafHasFailure[dstLeaf]) {
            return allPaths;
        }
        int[] out = new int[spines];
        int n = 0;
        for (int j = 0; j < spines; j++) {
            if (!spineFailed[srcLeaf * spines + j] && !spineFailed[dstLeaf * spines + j]) {
                out[n++] = j;
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public int pathLinks(int srcLeaf, int dstLeaf, int path, int[] out) {
        out[0] = upLink(srcLeaf, path);
        out[1] = downLink(path, dstLeaf);
        return 2;
    }

    @Override
    public int maxPathLinks() {
        return 2;
    }

    @Override
    public int hopsBetweenLeaves(int srcLeaf, int dstLeaf) {
        return srcLeaf == dstLeaf ? 2 : 4;
    }

    @Override
    public double linkLatencySeconds() {
        return latencySeconds;
    }

    @Override
    public int failedLinkCount() {
        return failedLinks;
    }

    @Override
    public double oversubscription() {
        return hostsPerLeaf * hostBytesPerSecond / (spines * fabricBytesPerSecond);
    }
}

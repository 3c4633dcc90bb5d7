package io.mlsyslab.network.fabric.topology;

import java.util.Arrays;

/**
 * Three-tier k-ary fat-tree (Al-Fares et al.): k pods, each with k/2 edge ("leaf") switches of k/2 hosts and k/2
 * aggregation switches; (k/2)^2 core switches, core u*(k/2)+c attached to aggregation position u of every pod.
 * Inside a pod there are k/2 paths (one per aggregation switch); across pods (k/2)^2 (aggregation position, core).
 */
public final class FatTreeFabric implements Fabric {

    private final int k;
    private final int half;
    private final int edges;
    private final int hosts;
    private final double hostBytesPerSecond;
    private final double fabricBytesPerSecond;
    private final double latencySeconds;
    private final boolean[] edgeAggFailed; // [edge * half + aggPosition]
    private final boolean[] aggCoreFailed; // [globalAgg * half + coreInGroup]
    private final boolean anyFailure;
    private final int failedLinks;
    private final int[] allPodPaths;
    private final int[] allCorePaths;

    FatTreeFabric(FabricSpec spec) {
        this.k = spec.k();
        this.half = k / 2;
        this.edges = k * half;
        this.hosts = edges * half;
        this.hostBytesPerSecond = spec.hostLinkGbps() * 1e9 / 8;
        this.fabricBytesPerSecond = spec.effectiveFabricLinkGbps() * 1e9 / 8;
        this.latencySeconds = spec.linkLatencyNs() * 1e-9;
        this.edgeAggFailed = new boolean[edges * half];
        this.aggCoreFailed = new boolean[edges * half];
        int failed = 0;
        for (FailedLink f : spec.failedLinks()) {
            boolean[] table = f.tier() == FailedLink.Tier.AGG_CORE ? aggCoreFailed : edgeAggFailed;
            int upper = f.tier() == FailedLink.Tier.AGG_CORE ? f.upper() % half : f.upper();
            if (!table[f.lower() * half + upper]) {
                table[f.lower() * half + upper] = true;
                failed++;
            }
        }
        this.failedLinks = failed;
        this.anyFailure = failed > 0;
        this.allPodPaths = new int[half];
        Arrays.setAll(allPodPaths, i -> i);
        this.allCorePaths = new int[half * half];
        Arrays.setAll(allCorePaths, i -> i);
    }

    public int k() {
        return k;
    }

    private int pod(int edge) {
        return edge / half;
    }

    private int base() {
        return 2 * hosts;
    }

    private int edgeUp(int edge, int u) {
        return base() + edge * half + u;
    }

    private int aggDown(int edge, int u) {
        return base() + edges * half + edge * half + u;
    }

    private int aggUp(int agg, int c) {
        return base() + 2 * edges * half + agg * half + c;
    }

    private int coreDown(int agg, int c) {
        return base() + 3 * edges * half + agg * half + c;
    }

    @Override
    public TopologyKind kind() {
        return TopologyKind.FAT_TREE;
    }

    @Override
    public int hostCount() {
        return hosts;
    }

    @Override
    public int leafCount() {
        return edges;
    }

    @Override
    public int hostsPerLeaf() {
        return half;
    }

    @Override
    public int linkCount() {
        return base() + 4 * edges * half;
    }

    @Override
    public boolean isHealthy(int link) {
        if (!isFabricLink(link)) {
            return true;
        }
        int i = link - base();
        int block = edges * half;
        boolean[] table = i / block < 2 ? edgeAggFailed : aggCoreFailed;
        return !table[i % block];
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
            return "host" + link + "->edge" + leafOf(link);
        }
        if (link < 2 * hosts) {
            int h = link - hosts;
            return "edge" + leafOf(h) + "->host" + h;
        }
        int i = link - base();
        int block = edges * half;
        int kind = i / block;
        int a = (i % block) / half;
        int b = (i % block) % half;
        return switch (kind) {
            case 0 -> "edge" + a + "->agg" + (pod(a) * half + b);
            case 1 -> "agg" + (pod(a) * half + b) + "->edge" + a;
            case 2 -> "agg" + a + "->core" + ((a % half) * half + b);
            default -> "core" + ((a % half) * half + b) + "->agg" + a;
        };
    }

    @Override
    public int pathCount(int srcLeaf, int dstLeaf) {
        return pod(srcLeaf) == pod(dstLeaf) ? half : half * half;
    }

    @Override
    public int[] healthyPaths(int srcLeaf, int dstLeaf) {
        boolean samePod = pod(srcLeaf) == pod(dstLeaf);
        if (!anyFailure) {
            return samePod ? allPodPaths : allCorePaths;
        }
        int[] out = new int[pathCount(srcLeaf, dstLeaf)];
        int n = 0;
        int srcAggBase = pod(srcLeaf) * half;
        int dstAggBase = pod(dstLeaf) * half;
        for (int u = 0; u < half; u++) {
            if (edgeAggFailed[srcLeaf * half + u] || edgeAggFailed[dstLeaf * half + u]) {
                continue;
            }
            if (samePod) {
                out[n++] = u;
                continue;
            }
            for (int c = 0; c < half; c++) {
                if (!aggCoreFailed[(srcAggBase + u) * half + c] && !aggCoreFailed[(dstAggBase + u) * half + c]) {
                    out[n++] = u * half + c;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public int pathLinks(int srcLeaf, int dstLeaf, int path, int[] out) {
        if (pod(srcLeaf) == pod(dstLeaf)) {
            out[0] = edgeUp(srcLeaf, path);
            out[1] = aggDown(dstLeaf, path);
            return 2;
        }
        int u = path / half;
        int c = path % half;
        out[0] = edgeUp(srcLeaf, u);
        out[1] = aggUp(pod(srcLeaf) * half + u, c);
        out[2] = coreDown(pod(dstLeaf) * half + u, c);
        out[3] = aggDown(dstLeaf, u);
        return 4;
    }

    @Override
    public int maxPathLinks() {
        return 4;
    }

    @Override
    public int hopsBetweenLeaves(int srcLeaf, int dstLeaf) {
        if (srcLeaf == dstLeaf) {
            return 2;
        }
        return pod(srcLeaf) == pod(dstLeaf) ? 4 : 6;
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
        return hostBytesPerSecond / fabricBytesPerSecond;
    }
}

package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.network.fabric.topology.Fabric;

/** Accumulates exact link loads (and optionally the flow table) while a router places flows. */
final class RoutedPatternBuilder {

    private final Fabric fabric;
    private final long denominator;
    private final long[] units;
    private final FlowTable flows;
    private final int[] pathBuf;
    private long extraSubFlows;
    private int maxHops;

    /**
     * @param expectedIncidences the router's estimate of flow-link incidences; past the limit the flow table is not
     *                           even started, so a too-large pattern costs no recording work
     */
    RoutedPatternBuilder(Fabric fabric, long denominator, RoutingOptions options, long expectedIncidences) {
        this.fabric = fabric;
        this.denominator = denominator;
        this.units = new long[fabric.linkCount()];
        this.flows = options.recordFlows() && expectedIncidences <= options.incidenceLimit()
                ? new FlowTable(options.incidenceLimit()) : null;
        this.pathBuf = new int[fabric.maxPathLinks()];
    }

    long denominator() {
        return denominator;
    }

    boolean recording() {
        return flows != null;
    }

    /** Adds load without recording a flow: for aggregated placement when no flow table is kept. */
    void addUnits(int link, long u) {
        units[link] = Math.addExact(units[link], u);
    }

    void noteHops(int hops) {
        maxHops = Math.max(maxHops, hops);
    }

    long units(int link) {
        return units[link];
    }

    /** A (sub-)flow of {@code u} units on one path; {@code path < 0} for two hosts on the same leaf. */
    void pinned(int srcHost, int dstHost, int path, long u) {
        int srcLeaf = fabric.leafOf(srcHost);
        int dstLeaf = fabric.leafOf(dstHost);
        int up = fabric.hostUpLink(srcHost);
        int down = fabric.hostDownLink(dstHost);
        units[up] = Math.addExact(units[up], u);
        units[down] = Math.addExact(units[down], u);
        int n = path < 0 ? 0 : fabric.pathLinks(srcLeaf, dstLeaf, path, pathBuf);
        for (int i = 0; i < n; i++) {
            units[pathBuf[i]] = Math.addExact(units[pathBuf[i]], u);
        }
        maxHops = Math.max(maxHops, 2 + n);
        if (flows != null) {
            flows.begin((double) u / denominator);
            flows.add(up, 1.0);
            for (int i = 0; i < n; i++) {
                flows.add(pathBuf[i], 1.0);
            }
            flows.add(down, 1.0);
            flows.end();
        }
    }

    /** One flow of {@code u} units spread equally over {@code paths} (fluid spraying); u must be a multiple of s. */
    void sprayed(int srcHost, int dstHost, int[] paths, long u) {
        int srcLeaf = fabric.leafOf(srcHost);
        int dstLeaf = fabric.leafOf(dstHost);
        int up = fabric.hostUpLink(srcHost);
        int down = fabric.hostDownLink(dstHost);
        units[up] = Math.addExact(units[up], u);
        units[down] = Math.addExact(units[down], u);
        long per = u / paths.length;
        if (per * paths.length != u) {
            throw new IllegalStateException("spraying: " + u + " units do not divide over " + paths.length + " paths");
        }
        double w = 1.0 / paths.length;
        if (flows != null) {
            flows.begin((double) u / denominator);
            flows.add(up, 1.0);
        }
        int hops = 2;
        for (int path : paths) {
            int n = fabric.pathLinks(srcLeaf, dstLeaf, path, pathBuf);
            hops = Math.max(hops, 2 + n);
            for (int i = 0; i < n; i++) {
                units[pathBuf[i]] = Math.addExact(units[pathBuf[i]], per);
                if (flows != null) {
                    flows.add(pathBuf[i], w);
                }
            }
        }
        maxHops = Math.max(maxHops, hops);
        if (flows != null) {
            flows.add(down, 1.0);
            flows.end();
        }
    }

    void extraSubFlows(long n) {
        extraSubFlows += n;
    }

    RoutedPattern build(boolean optimal) {
        return new RoutedPattern(denominator, units, flows, extraSubFlows, maxHops, optimal);
    }
}

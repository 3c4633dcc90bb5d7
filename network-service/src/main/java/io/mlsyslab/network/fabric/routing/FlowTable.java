package io.mlsyslab.network.fabric.routing;

import java.util.Arrays;

/**
 * The (sub-)flows of a routed pattern for the fluid simulation, in flat arrays: flow f has size {@code size[f]} (in
 * units of the pattern's flow size) and uses links {@code links[start[f] .. start[f+1])} with the matching weights
 * (the fraction of the flow's rate each link carries: 1 for a pinned flow, 1/s per path for spraying).
 */
public final class FlowTable {

    private int flows;
    private double[] size = new double[16];
    private int[] start = new int[17];
    private int incidences;
    private int[] links = new int[64];
    private double[] weights; // null while every weight is 1
    private final long incidenceLimit;
    private boolean overflowed;

    FlowTable(long incidenceLimit) {
        this.incidenceLimit = incidenceLimit;
    }

    /** False when recording stopped because the incidence limit was reached; the table is then unusable. */
    public boolean complete() {
        return !overflowed;
    }

    public int flowCount() {
        return flows;
    }

    public double size(int flow) {
        return size[flow];
    }

    public int start(int flow) {
        return start[flow];
    }

    public int end(int flow) {
        return start[flow + 1];
    }

    public int link(int incidence) {
        return links[incidence];
    }

    public double weight(int incidence) {
        return weights == null ? 1.0 : weights[incidence];
    }

    public int incidenceCount() {
        return incidences;
    }

    void begin(double flowSize) {
        if (overflowed) {
            return;
        }
        if (flows + 2 > start.length) {
            start = Arrays.copyOf(start, start.length * 2);
            size = Arrays.copyOf(size, start.length);
        }
        size[flows] = flowSize;
        start[flows] = incidences;
    }

    void add(int link, double weight) {
        if (overflowed) {
            return;
        }
        if (incidences >= incidenceLimit) {
            overflowed = true;
            size = null;
            start = null;
            links = null;
            weights = null;
            return;
        }
        if (incidences == links.length) {
            int grown = (int) Math.min((long) links.length * 2, Integer.MAX_VALUE - 8);
            links = Arrays.copyOf(links, grown);
            if (weights != null) {
                weights = Arrays.copyOf(weights, grown);
            }
        }
        if (weight != 1.0 && weights == null) {
            weights = new double[links.length];
            Arrays.fill(weights, 0, incidences, 1.0);
        }
        links[incidences] = link;
        if (weights != null) {
            weights[incidences] = weight;
        }
        incidences++;
    }

    void end() {
        if (overflowed) {
            return;
        }
        flows++;
        start[flows] = incidences;
    }
}

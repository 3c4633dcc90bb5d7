package io.mlsyslab.network.fabric.analysis;

import io.mlsyslab.network.fabric.routing.FlowTable;
import io.mlsyslab.network.fabric.topology.Fabric;

import java.util.Arrays;

/**
 * Fluid completion time of one lock-step phase: all flows start together, rates are max-min fair (progressive
 * filling, generalised to flows that put a fraction w of their rate on a link, as sprayed flows do), and rates are
 * recomputed every time flows finish. Returns the time at which the last flow finishes.
 *
 * <p>Progressive filling is done with a heap of links keyed by the common rate level at which each link would
 * saturate, (capacity - frozen load) / unfrozen weight; that key only grows as flows freeze elsewhere, so one pass
 * costs O(incidences · log links).
 */
public final class MaxMinFairSimulator {

    private static final double DONE = 1e-9;

    private MaxMinFairSimulator() {
    }

    /** Seconds until every flow of {@code table} (sizes in bytes) has been delivered. */
    public static double drainSeconds(Fabric fabric, FlowTable table) {
        int flows = table.flowCount();
        if (flows == 0) {
            return 0;
        }
        int links = fabric.linkCount();
        double[] capacity = new double[links];
        for (int l = 0; l < links; l++) {
            capacity[l] = fabric.capacityBytesPerSecond(l);
        }
        // link -> incidences (CSR)
        int incidences = table.incidenceCount();
        int[] linkStart = new int[links + 1];
        for (int i = 0; i < incidences; i++) {
            linkStart[table.link(i) + 1]++;
        }
        for (int l = 0; l < links; l++) {
            linkStart[l + 1] += linkStart[l];
        }
        int[] linkFlow = new int[incidences];
        int[] fill = Arrays.copyOf(linkStart, links);
        for (int f = 0; f < flows; f++) {
            for (int i = table.start(f); i < table.end(f); i++) {
                linkFlow[fill[table.link(i)]++] = f;
            }
        }
        fill = null;
        double[] remaining = new double[flows];
        for (int f = 0; f < flows; f++) {
            remaining[f] = table.size(f);
        }
        boolean[] active = new boolean[flows];
        Arrays.fill(active, true);
        int activeCount = flows;
        double[] rate = new double[flows];
        boolean[] frozen = new boolean[flows];
        double[] frozenLoad = new double[links];
        double[] openWeight = new double[links];
        LinkHeap heap = new LinkHeap(links);
        double time = 0;
        while (activeCount > 0) {
            Arrays.fill(frozenLoad, 0);
            Arrays.fill(openWeight, 0);
            for (int f = 0; f < flows; f++) {
                frozen[f] = !active[f];
                if (active[f]) {
                    for (int i = table.start(f); i < table.end(f); i++) {
                        openWeight[table.link(i)] += table.weight(i);
                    }
                }
            }
            heap.clear();
            for (int l = 0; l < links; l++) {
                if (openWeight[l] > 0) {
                    heap.push(l, capacity[l] / openWeight[l]);
                }
            }
            while (!heap.isEmpty()) {
                int e = heap.popMin();
                double level = heap.lastKey();
                for (int k = linkStart[e]; k < linkStart[e + 1]; k++) {
                    int f = linkFlow[k];
                    if (frozen[f]) {
                        continue;
                    }
                    frozen[f] = true;
                    rate[f] = level;
                    for (int i = table.start(f); i < table.end(f); i++) {
                        int l = table.link(i);
                        double w = table.weight(i);
                        frozenLoad[l] += w * level;
                        openWeight[l] -= w;
                        if (l != e && heap.contains(l)) {
                            if (openWeight[l] > 1e-12) {
                                heap.update(l, Math.max(0, capacity[l] - frozenLoad[l]) / openWeight[l]);
                            } else {
                                heap.remove(l);
                            }
                        }
                    }
                }
            }
            double dt = Double.POSITIVE_INFINITY;
            for (int f = 0; f < flows; f++) {
                if (active[f]) {
                    dt = Math.min(dt, remaining[f] / rate[f]);
                }
            }
            time += dt;
            for (int f = 0; f < flows; f++) {
                if (active[f]) {
                    remaining[f] -= rate[f] * dt;
                    if (remaining[f] <= DONE * table.size(f)) {
                        active[f] = false;
                        activeCount--;
                    }
                }
            }
        }
        return time;
    }

    /** Indexed binary min-heap of links keyed by saturation level. */
    private static final class LinkHeap {
        private final int[] heap;
        private final int[] pos;
        private final double[] key;
        private int size;
        private double lastKey;

        LinkHeap(int links) {
            heap = new int[links];
            pos = new int[links];
            key = new double[links];
            Arrays.fill(pos, -1);
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                pos[heap[i]] = -1;
            }
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        boolean contains(int l) {
            return pos[l] >= 0;
        }

        double lastKey() {
            return lastKey;
        }

        void push(int l, double k) {
            key[l] = k;
            heap[size] = l;
            pos[l] = size;
            up(size++);
        }

        int popMin() {
            int top = heap[0];
            lastKey = key[top];
            removeAt(0);
            return top;
        }

        void remove(int l) {
            removeAt(pos[l]);
        }

        void update(int l, double k) {
            double old = key[l];
            key[l] = k;
            if (k < old) {
                up(pos[l]);
            } else {
                down(pos[l]);
            }
        }

        private void removeAt(int i) {
            int l = heap[i];
            pos[l] = -1;
            size--;
            if (i < size) {
                int moved = heap[size];
                heap[i] = moved;
                pos[moved] = i;
                up(i);
                down(pos[moved]);
            }
        }

        private void up(int i) {
            int l = heap[i];
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (key[heap[p]] <= key[l]) {
                    break;
                }
                heap[i] = heap[p];
                pos[heap[i]] = i;
                i = p;
            }
            heap[i] = l;
            pos[l] = i;
        }

        private void down(int i) {
            int l = heap[i];
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && key[heap[c + 1]] < key[heap[c]]) {
                    c++;
                }
                if (key[heap[c]] >= key[l]) {
                    break;
                }
                heap[i] = heap[c];
                pos[heap[i]] = i;
                i = c;
            }
            heap[i] = l;
            pos[l] = i;
        }
    }
}

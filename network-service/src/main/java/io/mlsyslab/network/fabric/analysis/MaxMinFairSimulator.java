package io.mlsyslab.network.fabric.analysis;

import io.mlsyslab.network.fabric.routing.FlowTable;
import io.mlsyslab.network.fabric.topology.Fabric;

import java.util.Arrays;

/**
 * Fluid completion time of one lock-step phase: all flows start together, rates are max-min fair (progressive
 * filling, generalised to flows that put a fraction w of their rate on a link, as sprayed flows do), and rates are
 * recomputed every time flows finish. Returns the time at which the last flow finishes.
 *
 * <p>Recomputation is incremental. Progressive filling freezes flows in increasing rate level; when a set D of flows
 * finishes and the lowest rate in D is ℓ, every link that saturated below ℓ carried no flow of D (that flow would have
 * been frozen there, below ℓ), so the filling below ℓ is unchanged without D. Only the flows with rate ≥ ℓ are
 * refilled, against the residual capacity left by the others. With equal-size flows the finishing flows are the
 * fastest, so most departures refill nothing: a ring step with 356 distinct ECMP rate levels costs one full filling.
 *
 * <p>A filling uses a heap of links keyed by the common level at which each would saturate,
 * (capacity - frozen load) / open weight; the key only grows as flows freeze elsewhere, so stale keys are refreshed
 * when popped.
 */
public final class MaxMinFairSimulator {

    private static final double TIME_TOLERANCE = 1e-9;

    private final FlowTable table;
    private final double[] capacity;
    private final double[] load;
    private final double[] openWeight;
    private final int[] localIndex;
    private final double[] rate;
    private final double[] remaining;
    private final double[] since;
    private final double[] finishAt;
    private final boolean[] active;
    private final boolean[] frozen;
    // scratch for one filling, sized for every flow
    private final int[] touched;
    private final int[] localStart;
    private final int[] localFlows;
    private final TimedHeap linkHeap;

    private MaxMinFairSimulator(Fabric fabric, FlowTable table) {
        this.table = table;
        int links = fabric.linkCount();
        int flows = table.flowCount();
        capacity = new double[links];
        for (int l = 0; l < links; l++) {
            capacity[l] = fabric.capacityBytesPerSecond(l);
        }
        load = new double[links];
        openWeight = new double[links];
        localIndex = new int[links];
        Arrays.fill(localIndex, -1);
        rate = new double[flows];
        remaining = new double[flows];
        since = new double[flows];
        finishAt = new double[flows];
        active = new boolean[flows];
        frozen = new boolean[flows];
        touched = new int[Math.min(links, table.incidenceCount())];
        localStart = new int[touched.length + 1];
        localFlows = new int[table.incidenceCount()];
        linkHeap = new TimedHeap(Math.max(16, touched.length));
    }

    /** Seconds until every flow of {@code table} (sizes in bytes) has been delivered. */
    public static double drainSeconds(Fabric fabric, FlowTable table) {
        if (table.flowCount() == 0) {
            return 0;
        }
        return new MaxMinFairSimulator(fabric, table).run();
    }

    private double run() {
        int flows = table.flowCount();
        int[] open = new int[flows];
        for (int f = 0; f < flows; f++) {
            open[f] = f;
            active[f] = true;
            remaining[f] = table.size(f);
        }
        fill(open, flows, 0);
        TimedHeap finish = new TimedHeap(flows);
        for (int f = 0; f < flows; f++) {
            finish.append(f, finishAt[f]);
        }
        finish.heapify();
        TimedHeap byRate = new TimedHeap(flows); // keyed by -rate: a max-heap on rate
        for (int f = 0; f < flows; f++) {
            byRate.append(f, -rate[f]);
        }
        byRate.heapify();
        boolean[] queued = new boolean[flows];
        int activeCount = flows;
        int[] departing = new int[16];
        double now = 0;
        while (activeCount > 0) {
            // next departures: every flow finishing within the tolerance of the earliest
            int d = 0;
            double first = Double.NaN;
            while (!finish.isEmpty()) {
                int f = finish.minItem();
                double t = finish.minKey();
                if (!active[f] || t != finishAt[f]) {
                    finish.popMin(); // stale entry
                    continue;
                }
                if (d > 0 && t > first * (1 + TIME_TOLERANCE)) {
                    break;
                }
                if (d == 0) {
                    first = t;
                }
                finish.popMin();
                active[f] = false; // a refill can leave two equal entries for one flow; take it once
                if (d == departing.length) {
                    departing = Arrays.copyOf(departing, d * 2);
                }
                departing[d++] = f;
            }
            now = Math.max(now, first);
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < d; i++) {
                int f = departing[i];
                activeCount--;
                lowest = Math.min(lowest, rate[f]);
                addContribution(f, -rate[f]);
            }
            if (activeCount == 0) {
                break;
            }
            // refill only the flows at or above the lowest departed rate (taken from a max-heap on rate)
            int openCount = 0;
            double threshold = lowest * (1 - TIME_TOLERANCE);
            while (!byRate.isEmpty() && -byRate.minKey() >= threshold) {
                int f = byRate.minItem();
                double r = -byRate.minKey();
                byRate.popMin();
                if (active[f] && r == rate[f] && !queued[f]) {
                    queued[f] = true;
                    open[openCount++] = f;
                }
            }
            if (openCount == 0) {
                continue;
            }
            for (int i = 0; i < openCount; i++) {
                int f = open[i];
                remaining[f] -= rate[f] * (now - since[f]);
                addContribution(f, -rate[f]);
            }
            fill(open, openCount, now);
            for (int i = 0; i < openCount; i++) {
                int f = open[i];
                queued[f] = false;
                finish.push(f, finishAt[f]);
                byRate.push(f, -rate[f]);
            }
        }
        return now;
    }

    private void addContribution(int f, double r) {
        for (int i = table.start(f); i < table.end(f); i++) {
            load[table.link(i)] += table.weight(i) * r;
        }
    }

    /** Progressive filling of the open flows against the residual capacity {@code capacity - load}. */
    private void fill(int[] open, int openCount, double now) {
        int links = 0;
        for (int o = 0; o < openCount; o++) {
            int f = open[o];
            frozen[f] = false;
            for (int i = table.start(f); i < table.end(f); i++) {
                int l = table.link(i);
                if (localIndex[l] < 0) {
                    localIndex[l] = links;
                    touched[links++] = l;
                    localStart[links] = 0;
                }
                localStart[localIndex[l] + 1]++;
                openWeight[l] += table.weight(i);
            }
        }
        localStart[0] = 0;
        for (int k = 0; k < links; k++) {
            localStart[k + 1] += localStart[k];
        }
        int[] fillAt = Arrays.copyOf(localStart, links);
        for (int o = 0; o < openCount; o++) {
            int f = open[o];
            for (int i = table.start(f); i < table.end(f); i++) {
                localFlows[fillAt[localIndex[table.link(i)]]++] = f;
            }
        }
        linkHeap.clear();
        for (int k = 0; k < links; k++) {
            int l = touched[k];
            linkHeap.append(k, Math.max(0, capacity[l] - load[l]) / openWeight[l]);
        }
        linkHeap.heapify();
        int unfrozen = openCount;
        while (unfrozen > 0 && !linkHeap.isEmpty()) {
            double stored = linkHeap.minKey();
            int k = linkHeap.popMin();
            int e = touched[k];
            if (openWeight[e] <= 1e-12) {
                continue;
            }
            double level = Math.max(0, capacity[e] - load[e]) / openWeight[e];
            if (level > stored * (1 + 1e-12)) {
                linkHeap.push(k, level);
                continue;
            }
            for (int j = localStart[k]; j < localStart[k + 1]; j++) {
                int f = localFlows[j];
                if (frozen[f]) {
                    continue;
                }
                frozen[f] = true;
                unfrozen--;
                rate[f] = level;
                since[f] = now;
                finishAt[f] = now + remaining[f] / level;
                for (int i = table.start(f); i < table.end(f); i++) {
                    int l = table.link(i);
                    double w = table.weight(i);
                    load[l] += w * level;
                    openWeight[l] -= w;
                }
            }
        }
        for (int k = 0; k < links; k++) {
            int l = touched[k];
            localIndex[l] = -1;
            openWeight[l] = 0;
        }
    }

    /** Binary min-heap of (key, item) pairs; an item may appear more than once (lazy refresh). */
    private static final class TimedHeap {
        private double[] key;
        private int[] item;
        private int size;

        TimedHeap(int capacity) {
            key = new double[Math.max(16, capacity)];
            item = new int[key.length];
        }

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        double minKey() {
            return key[0];
        }

        int minItem() {
            return item[0];
        }

        /** Adds without ordering; call {@link #heapify()} before popping. */
        void append(int it, double k) {
            grow();
            key[size] = k;
            item[size++] = it;
        }

        void heapify() {
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i, key[i], item[i]);
            }
        }

        void push(int it, double k) {
            grow();
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (key[p] <= k) {
                    break;
                }
                key[i] = key[p];
                item[i] = item[p];
                i = p;
            }
            key[i] = k;
            item[i] = it;
        }

        int popMin() {
            int top = item[0];
            size--;
            if (size > 0) {
                siftDown(0, key[size], item[size]);
            }
            return top;
        }

        private void grow() {
            if (size == key.length) {
                key = Arrays.copyOf(key, size * 2);
                item = Arrays.copyOf(item, size * 2);
            }
        }

        private void siftDown(int i, double k, int it) {
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && key[c + 1] < key[c]) {
                    c++;
                }
                if (key[c] >= k) {
                    break;
                }
                key[i] = key[c];
                item[i] = item[c];
                i = c;
            }
            key[i] = k;
            item[i] = it;
        }
    }
}

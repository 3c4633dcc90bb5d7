package io.mlsyslab.network.wireless.sim;

import java.util.PriorityQueue;

/** The future event list: ordered by time, then event rank, then insertion, so runs are deterministic. */
final class EventQueue {

    record Scheduled(double time, SimEvent event, long sequence) {}

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> {
        int c = Double.compare(a.time, b.time);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.event.rank(), b.event.rank());
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    });
    private long sequence;

    void schedule(double time, SimEvent event) {
        queue.add(new Scheduled(time, event, sequence++));
    }

    Scheduled poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}

package io.mlsyslab.network.wireless.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A layered MAC's queue: first in, first out, tail drop, and a failed packet is retried before anything else. */
public final class FifoQueue implements LinkQueue {

    private final int capacity;
    private double earliestDeadline = Double.POSITIVE_INFINITY;
    private final ArrayDeque<Packet> packets = new ArrayDeque<>();

    public FifoQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queueCapacity: must be >= 1");
        }
        this.capacity = capacity;
    }

    @Override
    public List<Dropped> offer(Packet packet) {
        if (packets.size() >= capacity) {
            return List.of(new Dropped(packet, DropCause.QUEUE_OVERFLOW));
        }
        packets.addLast(packet);
        earliestDeadline = Math.min(earliestDeadline, packet.deadline());
        return List.of();
    }

    @Override
    public void requeue(Packet packet) {
        packets.addFirst(packet);
        earliestDeadline = Math.min(earliestDeadline, packet.deadline());
    }

    @Override
    public Packet poll() {
        return packets.pollFirst();
    }

    @Override
    public Packet peek() {
        return packets.peekFirst();
    }

    @Override
    public int size() {
        return packets.size();
    }

    @Override
    public List<Packet> removeExpired(double time) {
        // the bound only ever errs low, so skipping the scan when it is not below time never misses a packet
        if (earliestDeadline >= time) {
            return List.of();
        }
        List<Packet> removed = new ArrayList<>();
        double earliest = Double.POSITIVE_INFINITY;
        for (Iterator<Packet> it = packets.iterator(); it.hasNext(); ) {
            Packet p = it.next();
            if (p.deadline() < time) {
                it.remove();
                removed.add(p);
            } else {
                earliest = Math.min(earliest, p.deadline());
            }
        }
        earliestDeadline = earliest;
        return removed;
    }
}

package io.mlsyslab.network.wireless.link;

import io.mlsyslab.contract.FieldErrorException;
import java.util.ArrayDeque;
import java.util.List;

/** A layered MAC's queue: first in, first out, tail drop, and a failed packet is retried before anything else. */
public final class FifoQueue implements LinkQueue {

    private final int capacity;
    private final DeadlinePurge purge = new DeadlinePurge();
    private final ArrayDeque<Packet> packets = new ArrayDeque<>();

    public FifoQueue(int capacity) {
        if (capacity < 1) {
            throw new FieldErrorException("queueCapacity", "must be >= 1");
        }
        this.capacity = capacity;
    }

    @Override
    public List<Dropped> offer(Packet packet) {
        if (packets.size() >= capacity) {
            return List.of(new Dropped(packet, DropCause.QUEUE_OVERFLOW));
        }
        packets.addLast(packet);
        purge.added(packet);
        return List.of();
    }

    @Override
    public void requeue(Packet packet) {
        packets.addFirst(packet);
        purge.added(packet);
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
        return purge.removeExpired(packets, time);
    }
}

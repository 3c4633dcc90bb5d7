package io.mlsyslab.network.wireless.link;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.video.FrameType;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The cross-layer queue: strict priority I > P > B, earliest deadline first within a type. Under backlog (occupancy
 * at or above {@code bDropOccupancy} of the capacity) arriving B packets are dropped, and when the queue is full an
 * arriving packet pushes out the least important queued one if it is itself more important.
 */
public final class PriorityEdfQueue implements LinkQueue {

    public static final Comparator<Packet> ORDER = Comparator.comparingInt((Packet p) -> rank(p.type()))
            .thenComparingDouble(Packet::deadline)
            .thenComparingLong(Packet::id);

    private final int capacity;
    private final DeadlinePurge purge = new DeadlinePurge();
    private final int bDropThreshold;
    private final TreeSet<Packet> packets = new TreeSet<>(ORDER);

    public PriorityEdfQueue(int capacity, double bDropOccupancy) {
        if (capacity < 1) {
            throw new FieldErrorException("queueCapacity", "must be >= 1");
        }
        if (!(bDropOccupancy > 0 && bDropOccupancy <= 1)) {
            throw new FieldErrorException("bDropOccupancy", "must be in (0, 1]");
        }
        this.capacity = capacity;
        this.bDropThreshold = (int) Math.ceil(bDropOccupancy * capacity);
    }

    private static int rank(FrameType type) {
        return type == null ? 0 : type.ordinal();
    }

    @Override
    public List<Dropped> offer(Packet packet) {
        if (packet.type() == FrameType.B && packets.size() >= bDropThreshold) {
            return List.of(new Dropped(packet, DropCause.PRIORITY));
        }
        if (packets.size() < capacity) {
            add(packet);
            return List.of();
        }
        Packet worst = packets.last();
        if (rank(worst.type()) > rank(packet.type())) {
            packets.pollLast();
            add(packet);
            return List.of(new Dropped(worst, DropCause.PRIORITY));
        }
        return List.of(new Dropped(packet, DropCause.QUEUE_OVERFLOW));
    }

    @Override
    public void requeue(Packet packet) {
        add(packet);
    }

    private void add(Packet packet) {
        packets.add(packet);
        purge.added(packet);
    }

    @Override
    public Packet poll() {
        return packets.pollFirst();
    }

    @Override
    public Packet peek() {
        return packets.isEmpty() ? null : packets.first();
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

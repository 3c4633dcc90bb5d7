package io.mlsyslab.network.wireless.link;

import java.util.List;

/** A per-user transmit queue at the access point. */
public interface LinkQueue {

    /** Adds an arriving packet; returns what was dropped to make room (possibly the packet itself). */
    List<Dropped> offer(Packet packet);

    /** A failed packet that may try again goes back where its order says. */
    void requeue(Packet packet);

    Packet poll();

    Packet peek();

    int size();

    /** Removes and returns every packet whose deadline is before {@code time}: it can no longer arrive in time. */
    List<Packet> removeExpired(double time);

    record Dropped(Packet packet, DropCause cause) {}
}

package io.mlsyslab.network.wireless.link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Removes packets whose deadline has passed, for either queue discipline. It keeps a lower bound on the earliest
 * deadline queued, so the scan is skipped while no packet can have expired.
 */
final class DeadlinePurge {

    private double earliestDeadline = Double.POSITIVE_INFINITY;

    void added(Packet packet) {
        earliestDeadline = Math.min(earliestDeadline, packet.deadline());
    }

    List<Packet> removeExpired(Collection<Packet> packets, double time) {
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

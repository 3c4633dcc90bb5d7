package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.network.wireless.link.DropCause;
import io.mlsyslab.network.wireless.metrics.Samples;

/** Running totals of one simulation, over all users. */
final class LinkCounters {

    long offered;
    long delivered;
    long deliveredBits;
    long attempts;
    long failedAttempts;
    long transmittedPackets;
    final long[] drops = new long[DropCause.values().length];
    double energyJoules;
    double capacityBits;
    final Samples delays = new Samples();

    void drop(DropCause cause) {
        drops[cause.ordinal()]++;
    }

    long drops(DropCause cause) {
        return drops[cause.ordinal()];
    }

    long allDrops() {
        long sum = 0;
        for (long d : drops) {
            sum += d;
        }
        return sum;
    }
}

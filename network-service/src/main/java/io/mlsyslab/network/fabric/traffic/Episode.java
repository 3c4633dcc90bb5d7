package io.mlsyslab.network.fabric.traffic;

import java.util.List;

/**
 * One collective operation: its phases run back to back. A workload is a list of episodes; an episode starts at
 * {@code startSeconds} or when the previous one finishes, whichever is later (the fabric runs one collective at a
 * time, as a data-parallel job's synchronisations do).
 */
public record Episode(String label, double startSeconds, int ranks, List<Phase> phases) {

    public Episode {
        phases = List.copyOf(phases);
    }

    public long stepCount() {
        long n = 0;
        for (Phase p : phases) {
            n += p.repeat();
        }
        return n;
    }
}

package io.mlsyslab.lab.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A snapshot of one supervised child, as {@code ./lab status} shows it.
 *
 * @param pid the running incarnation's process id, or -1 when none runs
 * @param restarts how many times the supervisor started it again after an unexpected exit
 * @param lastExitCode the exit code of its last exit, empty before any exit or where it is unknown
 * @param since when it entered this state (for RUNNING: when this incarnation started, so its uptime)
 */
public record ChildStatus(String name, ChildState state, long pid, int restarts, OptionalInt lastExitCode,
        Instant since) {

    public Duration timeInState(Instant now) {
        return Duration.between(since, now);
    }
}

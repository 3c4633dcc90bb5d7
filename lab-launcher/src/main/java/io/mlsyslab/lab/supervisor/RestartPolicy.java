package io.mlsyslab.lab.supervisor;

import java.time.Duration;

/**
 * When the supervisor starts a crashed child again, like systemd's {@code Restart=on-failure} with
 * {@code RestartSec} growing and {@code StartLimitBurst}/{@code StartLimitIntervalSec}.
 *
 * @param initialBackoff the wait before the first restart after a crash
 * @param maxBackoff the wait doubles with each crash in a row up to this
 * @param healthyAfter an incarnation that ran this long counts as healthy: its crash starts the backoff over
 * @param maxRestarts a child that crashes when it was already restarted this often within {@code window} is given
 *     up on (FAILED), so a child that cannot start does not restart forever
 * @param window see {@code maxRestarts}
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, Duration healthyAfter, int maxRestarts,
        Duration window) {

    /**
     * The lab's policy: 1 s doubling to 30 s, reset after 60 s up, 5 restarts within 5 minutes at most. The window is
     * longer than a plain process's would be because an app JVM takes 10-30 s to start on a busy laptop: five crashed
     * starts with their backoffs (1+2+4+8+16 s) still fall inside it.
     */
    public static RestartPolicy standard() {
        return new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 5,
                Duration.ofMinutes(5));
    }

    public RestartPolicy {
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff: need 0 <= initial <= max, got " + initialBackoff + ", "
                    + maxBackoff);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
        }
    }

    /** The wait before restarting after the {@code crashesInARow}-th crash in a row (1 for the first). */
    public Duration backoff(int crashesInARow) {
        Duration delay = initialBackoff;
        for (int i = 1; i < crashesInARow && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}

package io.mlsyslab.lab.supervisor;

import java.time.Duration;
import java.util.OptionalInt;

/** What the supervisor did or saw, for the lab's log and the state file. */
public sealed interface SupervisionEvent {

    String child();

    /** One line for the lab's terminal. */
    String describe();

    record Started(String child, long pid) implements SupervisionEvent {
        public String describe() {
            return child + " started (pid " + pid + ")";
        }
    }

    /** An unexpected exit (crash, kill -9) or a start that failed; {@code attempt} is the restart about to come. */
    record Crashed(String child, String reason, OptionalInt exitCode, int attempt, Duration restartIn)
            implements SupervisionEvent {
        public String describe() {
            return child + " " + reason + exitCodeText(exitCode) + "; restart " + attempt + " in "
                    + restartIn.toMillis() / 1000.0 + " s";
        }
    }

    record Restarted(String child, long pid, int attempt) implements SupervisionEvent {
        public String describe() {
            return child + " restarted (attempt " + attempt + ", pid " + pid + ")";
        }
    }

    /** The crash-loop limit: nothing restarts the child any more. */
    record GaveUp(String child, String reason, OptionalInt exitCode, int restarts, Duration window)
            implements SupervisionEvent {
        public String describe() {
            return child + " " + reason + exitCodeText(exitCode) + " after " + restarts + " restarts within "
                    + window.toMinutes() + " min: GIVING UP, it stays FAILED (the rest of the lab runs on; see its log)";
        }
    }

    record Stopped(String child) implements SupervisionEvent {
        public String describe() {
            return child + " stopped";
        }
    }

    private static String exitCodeText(OptionalInt exitCode) {
        return exitCode.isPresent() ? " (exit code " + exitCode.getAsInt() + ")" : " (exit code unknown)";
    }
}

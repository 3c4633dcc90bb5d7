package io.mlsyslab.lab.supervisor;

/** Where a supervised child stands. */
public enum ChildState {
    /** Its process runs. */
    RUNNING,
    /** It exited unexpectedly and waits for its next start (the backoff), or is being started again. */
    RESTARTING,
    /** It crashed too often within the policy's window; nothing starts it again by itself. */
    FAILED,
    /** Stopped on purpose (./lab down, Ctrl-C, a test); not a crash. */
    STOPPED
}

package io.mlsyslab.network.wireless.sim;

/** What the users send. */
public enum Traffic {
    /** A rate-adaptive 30 fps GOP video per user, TFRC-controlled, with playout deadlines. */
    VIDEO,
    /** Always-backlogged bulk data without deadlines: measures the link itself (spectral efficiency vs retries). */
    SATURATED
}

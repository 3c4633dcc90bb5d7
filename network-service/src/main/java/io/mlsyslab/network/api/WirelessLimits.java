package io.mlsyslab.network.api;

/**
 * Size limits of the synchronous wireless endpoint, so a request answers in seconds (about 30 ms of CPU per
 * simulated video-second per stack) instead of tying a request thread up for minutes; sweeps belong in the
 * {@code wireless-crosslayer} run kind.
 */
public record WirelessLimits(int maxUsers, double maxDurationSeconds, int maxSeeds, int maxStacks,
        double maxUserSeconds) {

    public static final WirelessLimits DEFAULT = new WirelessLimits(8, 60, 20, 8, 1200);
}

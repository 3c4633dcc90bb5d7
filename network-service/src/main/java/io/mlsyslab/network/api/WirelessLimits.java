package io.mlsyslab.network.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size limits of the synchronous wireless endpoint, so a request answers in seconds (about 30 ms of CPU per
 * simulated video-second per stack) instead of tying a request thread up for minutes; sweeps belong in the
 * {@code wireless-crosslayer} run kind. Configurable under {@code mlsyslab.network.wireless.*}.
 */
@ConfigurationProperties("mlsyslab.network.wireless")
public record WirelessLimits(
        @DefaultValue("8") int maxUsers,
        @DefaultValue("60") double maxDurationSeconds,
        @DefaultValue("20") int maxSeeds,
        @DefaultValue("8") int maxStacks,
        @DefaultValue("1200") double maxUserSeconds) {

    public static final WirelessLimits DEFAULT = new WirelessLimits(8, 60, 20, 8, 1200);
}

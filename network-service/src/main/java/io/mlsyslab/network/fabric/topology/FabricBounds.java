package io.mlsyslab.network.fabric.topology;

/**
 * The one source of the ranges of fabric quantities: the {@code spraying-study} run kind's constraints and the
 * synchronous {@code POST /fabric/analyze} body check the same values, so neither accepts what the other refuses
 * (1e308 Gb/s once became an infinite capacity and a NaN oversubscription). Strings, as Jakarta's
 * {@code @DecimalMin}/{@code @DecimalMax} need constants.
 */
public final class FabricBounds {

    /** Speed of a host or fabric link (Gb/s). */
    public static final String LINK_GBPS_MIN = "1";
    public static final String LINK_GBPS_MAX = "10000";
    /** Latency of one link (ns). */
    public static final String LINK_LATENCY_NS_MIN = "0";
    public static final String LINK_LATENCY_NS_MAX = "1e6";
    /** Each rank's buffer (bytes). */
    public static final String MESSAGE_BYTES_MIN = "1";
    public static final String MESSAGE_BYTES_MAX = "1e12";
    /**
     * Oversubscription of the fabric links when their speed is derived (only the synchronous endpoint offers it):
     * with the link speeds above, the derived speed stays a finite positive number.
     */
    public static final String OVERSUBSCRIPTION_MIN = "0.01";
    public static final String OVERSUBSCRIPTION_MAX = "100";
    /** Queue pairs k of ecmp-qp. */
    public static final int QUEUE_PAIRS_MIN = 1;
    public static final int QUEUE_PAIRS_MAX = 64;

    private FabricBounds() {
    }
}

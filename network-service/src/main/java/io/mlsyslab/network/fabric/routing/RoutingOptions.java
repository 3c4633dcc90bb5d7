package io.mlsyslab.network.fabric.routing;

/**
 * @param recordFlows    keep the flow table for the fluid completion-time simulation
 * @param incidenceLimit stop recording (and fall back to the bottleneck bound) past this many flow-link incidences,
 *                       which bounds memory at about 12 bytes per incidence
 */
public record RoutingOptions(boolean recordFlows, long incidenceLimit) {

    public static final long DEFAULT_INCIDENCE_LIMIT = 12_000_000L;

    public static RoutingOptions defaults() {
        return new RoutingOptions(true, DEFAULT_INCIDENCE_LIMIT);
    }

    public static RoutingOptions loadsOnly() {
        return new RoutingOptions(false, 0);
    }
}

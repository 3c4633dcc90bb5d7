package io.mlsyslab.network.fabric.routing;

import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

/** Places every flow of a pattern on fabric paths. Implementations are stateless apart from their configuration. */
public interface Router {

    RoutedPattern route(Fabric fabric, TrafficPattern pattern, RoutingOptions options);
}

package io.mlsyslab.network.fabric.analysis;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.Episode;

import java.util.List;

/**
 * One fabric, one workload, the policies to compare. Spraying is always evaluated because every ratio refers to it.
 *
 * @param ecmpTrials hash draws for the hashed policies (seeds ecmpSeed, ecmpSeed+1, ...)
 * @param queuePairs k for {@link RoutingPolicy#ECMP_QP}
 */
public record AnalysisRequest(Fabric fabric, List<Episode> episodes, List<RoutingPolicy> policies, int ecmpTrials,
                              long ecmpSeed, int queuePairs, RoutingOptions routing) {

    public AnalysisRequest {
        if (fabric == null) {
            throw new FieldErrorException("fabric", "is required");
        }
        episodes = List.copyOf(episodes);
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new FieldErrorException("policies", "must name at least one policy");
        }
        if (ecmpTrials < 1) {
            throw new FieldErrorException("ecmpTrials", "must be >= 1, was " + ecmpTrials);
        }
        if (queuePairs < 1) {
            throw new FieldErrorException("queuePairs", "must be >= 1, was " + queuePairs);
        }
        routing = routing == null ? RoutingOptions.defaults() : routing;
    }
}

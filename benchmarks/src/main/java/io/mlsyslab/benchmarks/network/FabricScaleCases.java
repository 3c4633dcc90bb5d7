package io.mlsyslab.benchmarks.network;

import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Placement;

import java.util.List;

/** The scale targets as analysis requests: every policy, one ECMP trial, 4 queue pairs. */
public enum FabricScaleCases {
    /** 32,768 hosts: 512 leaves x 64 hosts, 64 spines; strided ranks so every ring hop crosses the fabric. */
    RING_32K(512, 64, 64, Collective.RING_ALL_REDUCE, Placement.STRIDED),
    /** 32,768 hosts, a random permutation. */
    PERMUTATION_32K(512, 64, 64, Collective.PERMUTATION, Placement.CONTIGUOUS),
    /** 4,096 hosts: 64 leaves x 64 hosts, 64 spines, all-to-all (16.8 M flows). */
    ALL_TO_ALL_4K(64, 64, 64, Collective.ALL_TO_ALL, Placement.CONTIGUOUS);

    private final int leaves;
    private final int spines;
    private final int hostsPerLeaf;
    private final Collective collective;
    private final Placement placement;

    FabricScaleCases(int leaves, int spines, int hostsPerLeaf, Collective collective, Placement placement) {
        this.leaves = leaves;
        this.spines = spines;
        this.hostsPerLeaf = hostsPerLeaf;
        this.collective = collective;
        this.placement = placement;
    }

    public AnalysisRequest request(List<RoutingPolicy> policies) {
        Fabric fabric = Fabrics.build(FabricSpec.leafSpine(leaves, spines, hostsPerLeaf, 400, 500));
        int ranks = fabric.hostCount();
        int[] hosts = placement.hostsOf(ranks, leaves, hostsPerLeaf, 1);
        Episode e = new Episode(collective.wireName(), 0, ranks, collective.phases(hosts, 256.0 * (1 << 20), 1));
        return new AnalysisRequest(fabric, List.of(e), policies, 1, 1, 4, RoutingOptions.defaults());
    }
}

package io.mlsyslab.network.api;

import io.mlsyslab.network.fabric.topology.FabricBounds;
import io.mlsyslab.network.fabric.traffic.SyncSchedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/**
 * Body of {@code POST /api/network/fabric/analyze}: one fabric, one workload (a collective or a replayed schedule),
 * the policies to compare. Omitted values take the defaults in brackets; ranges are the {@code spraying-study} run
 * kind's ({@link FabricBounds}), a value outside is a 400 naming it.
 *
 * @param policies   [all] ecmp, ecmp-qp, single-path-optimal, minimal-splitting, spraying
 * @param ecmpTrials [20] hash draws for ecmp and ecmp-qp
 * @param seed       [1] first hash seed; also seeds random placement and permutation
 * @param queuePairs [4] k of ecmp-qp
 */
public record FabricAnalyzeRequest(@Valid FabricBody fabric, @Valid TrafficBody traffic, List<String> policies,
                                   Integer ecmpTrials, Long seed,
                                   @Min(FabricBounds.QUEUE_PAIRS_MIN) @Max(FabricBounds.QUEUE_PAIRS_MAX) Integer queuePairs) {

    /**
     * @param topology         [leaf-spine] or fat-tree
     * @param leaves           [16] leaf-spine only
     * @param spines           [16] leaf-spine only
     * @param hostsPerLeaf     [16] leaf-spine only
     * @param k                [4] fat-tree only (k pods, k/2 hosts per edge switch)
     * @param hostLinkGbps     [400]
     * @param fabricLinkGbps   [hostLinkGbps, or derived from oversubscription]
     * @param oversubscription [none] hosts x host speed / uplinks x fabric speed, used when fabricLinkGbps is omitted
     * @param linkLatencyNs    [500] per link, added per hop per step
     * @param switchRadix      [unlimited] ports per switch
     * @param failedLinks      [none]
     */
    public record FabricBody(String topology, Integer leaves, Integer spines, Integer hostsPerLeaf, Integer k,
                             @DecimalMin(FabricBounds.LINK_GBPS_MIN) @DecimalMax(FabricBounds.LINK_GBPS_MAX)
                             Double hostLinkGbps,
                             @DecimalMin(FabricBounds.LINK_GBPS_MIN) @DecimalMax(FabricBounds.LINK_GBPS_MAX)
                             Double fabricLinkGbps,
                             @DecimalMin(FabricBounds.OVERSUBSCRIPTION_MIN) @DecimalMax(FabricBounds.OVERSUBSCRIPTION_MAX)
                             Double oversubscription,
                             @DecimalMin(FabricBounds.LINK_LATENCY_NS_MIN) @DecimalMax(FabricBounds.LINK_LATENCY_NS_MAX)
                             Double linkLatencyNs,
                             Integer switchRadix, List<FailedLinkBody> failedLinks) {
    }

    /**
     * A failed link: {@code leaf} and {@code spine} on a leaf-spine fabric; on a fat-tree {@code tier} (edge-agg or
     * agg-core) with {@code lower} and {@code upper} switch indices.
     */
    public record FailedLinkBody(Integer leaf, Integer spine, String tier, Integer lower, Integer upper) {
    }

    /**
     * @param collective   [ring-all-reduce] ring-all-reduce, halving-doubling, all-to-all, permutation,
     *                     double-binary-tree; ignored when a schedule is given
     * @param messageBytes [67108864] each rank's buffer
     * @param ranks        [all hosts] ranks of the collective; workers of a schedule
     * @param placement    [contiguous] contiguous, strided or random
     * @param schedule     a training-synchronisation schedule to replay (docs/sync-schedule-format.md)
     */
    public record TrafficBody(String collective,
                              @DecimalMin(FabricBounds.MESSAGE_BYTES_MIN) @DecimalMax(FabricBounds.MESSAGE_BYTES_MAX)
                              Double messageBytes,
                              Integer ranks, String placement, SyncSchedule schedule) {
    }
}

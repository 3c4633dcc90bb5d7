package io.mlsyslab.network.runs;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.FabricBounds;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.platform.runs.ParamDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.Collections;
import java.util.List;

/**
 * Params of the {@code spraying-study} run kind: the cross product of fabric sizes x collectives x placements x
 * failure counts x message sizes, each analysed under the listed policies. A null component takes its default.
 * Every limit is checked here, so a sweep the run could not finish is refused at submission: more than
 * {@link #MAX_POINTS} points is a 413, more failed links than the smallest fabric has leaves a 422.
 */
public record SprayingStudyParams(
        @ParamDescription("fabric sizes n, each an n x n x n leaf-spine (n leaves, n spines, n hosts per leaf)")
        @Size(min = 1, max = 4) List<@Min(2) @Max(32) Integer> fabricSizes,
        @ParamDescription("collectives") @Size(min = 1, max = 5) List<Collective> collectives,
        @ParamDescription("rank placements") @Size(min = 1, max = 3) List<Placement> placements,
        @ParamDescription("numbers of failed leaf-spine links (seeded, at most one per leaf)")
        @Size(min = 1, max = 4) List<@Min(0) @Max(32) Integer> failedLinks,
        @ParamDescription("message sizes per rank in bytes")
        @Size(min = 1, max = 8) List<@DecimalMin(FabricBounds.MESSAGE_BYTES_MIN) @DecimalMax(FabricBounds.MESSAGE_BYTES_MAX) Double> messageBytes,
        @ParamDescription("load-balancing policies compared with ideal spraying")
        @Size(min = 1, max = 5) List<RoutingPolicy> policies,
        @ParamDescription("hash draws per point for ecmp and ecmp-qp") @Min(1) @Max(200) Integer ecmpTrials,
        @ParamDescription("queue pairs k of ecmp-qp") @Min(FabricBounds.QUEUE_PAIRS_MIN) @Max(FabricBounds.QUEUE_PAIRS_MAX) Integer queuePairs,
        @ParamDescription("link speed of host and fabric links (Gb/s)") @DecimalMin(FabricBounds.LINK_GBPS_MIN) @DecimalMax(FabricBounds.LINK_GBPS_MAX) Double linkGbps,
        @ParamDescription("per-link latency (ns)") @DecimalMin(FabricBounds.LINK_LATENCY_NS_MIN) @DecimalMax(FabricBounds.LINK_LATENCY_NS_MAX) Double linkLatencyNs,
        @ParamDescription("seed of hashing, random placement, permutations and failures") Long seed) {

    /** Sweep points (fabric sizes x collectives x placements x failure counts x message sizes) one run may ask for. */
    public static final int MAX_POINTS = 400;

    public SprayingStudyParams {
        fabricSizes = listOrDefault(fabricSizes, List.of(8, 16), "fabricSizes");
        collectives = listOrDefault(collectives,
                List.of(Collective.RING_ALL_REDUCE, Collective.PERMUTATION, Collective.ALL_TO_ALL), "collectives");
        placements = listOrDefault(placements, List.of(Placement.STRIDED, Placement.RANDOM), "placements");
        failedLinks = listOrDefault(failedLinks, List.of(0, 2), "failedLinks");
        messageBytes = listOrDefault(messageBytes, List.of(1048576.0, 16777216.0, 268435456.0), "messageBytes");
        policies = listOrDefault(policies, List.of(RoutingPolicy.values()), "policies");
        ecmpTrials = ecmpTrials == null ? 10 : ecmpTrials;
        queuePairs = queuePairs == null ? 4 : queuePairs;
        linkGbps = linkGbps == null ? 400.0 : linkGbps;
        linkLatencyNs = linkLatencyNs == null ? 500.0 : linkLatencyNs;
        seed = seed == null ? 1L : seed;
        long points = (long) fabricSizes.size() * collectives.size() * placements.size() * failedLinks.size()
                * messageBytes.size();
        if (points > MAX_POINTS) {
            throw FieldErrorException.tooLarge("messageBytes", "fabricSizes x collectives x placements x failedLinks x "
                    + "messageBytes is " + points + " sweep points, at most " + MAX_POINTS);
        }
        int smallestFabric = Collections.min(fabricSizes);
        for (int i = 0; i < failedLinks.size(); i++) {
            if (failedLinks.get(i) != null && failedLinks.get(i) > smallestFabric) {
                throw FieldErrorException.unprocessable("failedLinks[" + i + "]", failedLinks.get(i) + " failures need "
                        + failedLinks.get(i) + " leaves (one failure per leaf), the smallest fabric has "
                        + smallestFabric);
            }
        }
    }

    public int points() {
        return fabricSizes.size() * collectives.size() * placements.size() * failedLinks.size() * messageBytes.size();
    }

    /** A copy of {@code list}, or the default when absent; a null element is a 400 naming its index. */
    private static <T> List<T> listOrDefault(List<T> list, List<T> defaults, String field) {
        if (list == null) {
            return defaults;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw FieldErrorException.invalid(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(list);
    }
}

package io.mlsyslab.network.runs;

import io.mlsyslab.platform.runs.ParamDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Params of the {@code spraying-study} run kind: the cross product of fabric sizes x collectives x placements x
 * failure counts x message sizes, each analysed under the listed policies. A null component takes its default.
 */
public record SprayingStudyParams(
        @ParamDescription("fabric sizes n, each an n x n x n leaf-spine (n leaves, n spines, n hosts per leaf)")
        @Size(min = 1, max = 4) List<@Min(2) @Max(32) Integer> fabricSizes,
        @ParamDescription("collectives: ring-all-reduce, halving-doubling, all-to-all, permutation, double-binary-tree")
        @Size(min = 1, max = 5)
        List<@Pattern(regexp = "ring-all-reduce|halving-doubling|all-to-all|permutation|double-binary-tree") String> collectives,
        @ParamDescription("rank placements: contiguous, strided, random")
        @Size(min = 1, max = 3) List<@Pattern(regexp = "contiguous|strided|random") String> placements,
        @ParamDescription("numbers of failed leaf-spine links (seeded, at most one per leaf)")
        @Size(min = 1, max = 4) List<@Min(0) @Max(32) Integer> failedLinks,
        @ParamDescription("message sizes per rank in bytes")
        @Size(min = 1, max = 8) List<@DecimalMin("1") @DecimalMax("1e12") Double> messageBytes,
        @ParamDescription("policies: ecmp, ecmp-qp, single-path-optimal, minimal-splitting, spraying")
        @Size(min = 1, max = 5)
        List<@Pattern(regexp = "ecmp|ecmp-qp|single-path-optimal|minimal-splitting|spraying") String> policies,
        @ParamDescription("hash draws per point for ecmp and ecmp-qp") @Min(1) @Max(200) Integer ecmpTrials,
        @ParamDescription("queue pairs k of ecmp-qp") @Min(1) @Max(64) Integer queuePairs,
        @ParamDescription("link speed of host and fabric links (Gb/s)") @DecimalMin("1") @DecimalMax("10000") Double linkGbps,
        @ParamDescription("per-link latency (ns)") @DecimalMin("0") @DecimalMax("1e6") Double linkLatencyNs,
        @ParamDescription("seed of hashing, random placement, permutations and failures") Long seed) {

    public SprayingStudyParams {
        fabricSizes = fabricSizes == null ? List.of(8, 16) : List.copyOf(fabricSizes);
        collectives = collectives == null ? List.of("ring-all-reduce", "permutation", "all-to-all")
                : List.copyOf(collectives);
        placements = placements == null ? List.of("strided", "random") : List.copyOf(placements);
        failedLinks = failedLinks == null ? List.of(0, 2) : List.copyOf(failedLinks);
        messageBytes = messageBytes == null ? List.of(1048576.0, 16777216.0, 268435456.0) : List.copyOf(messageBytes);
        policies = policies == null ? List.of("ecmp", "ecmp-qp", "single-path-optimal", "minimal-splitting", "spraying")
                : List.copyOf(policies);
        ecmpTrials = ecmpTrials == null ? 10 : ecmpTrials;
        queuePairs = queuePairs == null ? 4 : queuePairs;
        linkGbps = linkGbps == null ? 400.0 : linkGbps;
        linkLatencyNs = linkLatencyNs == null ? 500.0 : linkLatencyNs;
        seed = seed == null ? 1L : seed;
    }

    public int points() {
        return fabricSizes.size() * collectives.size() * placements.size() * failedLinks.size() * messageBytes.size();
    }
}

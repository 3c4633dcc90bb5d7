package io.mlsyslab.network.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Size limits of the synchronous fabric endpoint so a request answers in seconds; bigger sweeps belong in the
 * {@code spraying-study} run kind. The defaults admit the scale targets (32,768 hosts ring and permutation,
 * 4,096-host all-to-all; about 2-3 s each for all policies on one core). Configurable under
 * {@code mlsyslab.network.fabric.*}.
 *
 * @param maxHosts        hosts in the fabric
 * @param maxFlowsPerStep flows in the busiest phase of the collective (all-to-all grows as N^2)
 * @param maxEcmpTrials   hash draws per hashed policy
 * @param maxTrialFlows   ecmpTrials x flows per step, the work of the hashed policies
 * @param maxEvents       events of a replayed schedule
 * @param maxScheduleFlows sum over a schedule's events of their busiest step's flows (each event is routed apart)
 */
@ConfigurationProperties("mlsyslab.network.fabric")
public record FabricLimits(
        @DefaultValue("65536") int maxHosts,
        @DefaultValue("17000000") long maxFlowsPerStep,
        @DefaultValue("1000") int maxEcmpTrials,
        @DefaultValue("40000000") long maxTrialFlows,
        @DefaultValue("2000") int maxEvents,
        @DefaultValue("40000000") long maxScheduleFlows) {

    public static final FabricLimits DEFAULT = new FabricLimits(65_536, 17_000_000L, 1_000, 40_000_000L, 2_000,
            40_000_000L);
}

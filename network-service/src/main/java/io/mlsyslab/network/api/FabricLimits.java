package io.mlsyslab.network.api;

/**
 * Size limits of the synchronous fabric endpoint so a request answers in seconds; bigger sweeps belong in the
 * {@code spraying-study} run kind. The defaults admit the scale targets (32,768 hosts ring and permutation,
 * 4,096-host all-to-all; about 2-3 s each for all policies on one core).
 *
 * @param maxHosts        hosts in the fabric
 * @param maxFlowsPerStep flows in the busiest phase of the collective (all-to-all grows as N^2)
 * @param maxEcmpTrials   hash draws per hashed policy
 * @param maxTrialFlows   ecmpTrials x flows per step, the work of the hashed policies
 * @param maxEvents       events of a replayed schedule
 */
public record FabricLimits(int maxHosts, long maxFlowsPerStep, int maxEcmpTrials, long maxTrialFlows, int maxEvents) {

    public static final FabricLimits DEFAULT = new FabricLimits(65_536, 17_000_000L, 1_000, 40_000_000L, 2_000);
}

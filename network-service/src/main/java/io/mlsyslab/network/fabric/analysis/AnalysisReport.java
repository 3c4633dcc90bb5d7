package io.mlsyslab.network.fabric.analysis;

import java.util.List;

/** What {@link FabricAnalyzer} found, per policy, with spraying as the reference. */
public record AnalysisReport(FabricSummary fabric, WorkloadSummary workload, List<PolicyReport> policies,
                             double elapsedSeconds) {

    public record FabricSummary(String topology, int hosts, int leaves, int links, double oversubscription,
                                int failedLinks) {
    }

    /** @param peakFlowsPerStep flows in the busiest phase, before any splitting */
    public record WorkloadSummary(int episodes, long steps, int distinctPatterns, long peakFlowsPerStep) {
    }

    /**
     * Results of one policy. For hashed policies the single values are those of the first trial (seed ecmpSeed) and
     * {@code trials} describes all draws.
     *
     * @param fabricMaxCongestionSeconds largest bytes/capacity on a switch-to-switch link in any step
     * @param fabricMaxCongestionFlows   the same for the peak step, exactly, in multiples of that step's flow size
     * @param fabricEqualsSpraying       every step's fabric maximum equals spraying's, compared exactly
     * @param allLinksMaxCongestionSeconds largest bytes/capacity on any link (NIC links included) in any step
     * @param cctSeconds                 sum over collectives of their completion times (phases back to back;
     *                                   each phase: fluid drain time + hops x per-link latency)
     * @param makespanSeconds            when the last collective ends, honouring scheduled start times
     * @param cctMethod                  {@code max-min-fluid}, or {@code bottleneck-bound} when a phase had too many
     *                                   flow-link incidences to simulate and its busiest link's drain time was used
     * @param hotLinkCount               fabric links loaded above spraying's maximum, in the worst step
     * @param jainIndex                  Jain's fairness of total bytes over healthy fabric links (1 = balanced)
     * @param extraSubFlows              sub-flows beyond one per flow, summed over all steps
     * @param provenOptimal              false when the single-path router had to use its greedy fallback
     */
    public record PolicyReport(String policy, String label, double fabricMaxCongestionSeconds,
                               String fabricMaxCongestionFlows, boolean fabricEqualsSpraying,
                               double allLinksMaxCongestionSeconds, Double fabricRatioToSpraying,
                               Double allLinksRatioToSpraying, double cctSeconds, double makespanSeconds,
                               Double cctRatioToSpraying, String cctMethod, int hotLinkCount,
                               List<LinkLoad> hottestLinks, Double jainIndex, long extraSubFlows,
                               boolean provenOptimal, TrialStats trials, double elapsedSeconds) {
    }

    public record LinkLoad(String link, double congestionSeconds) {
    }

    public record TrialStats(int trials, long firstSeed, Stats fabricRatio, Stats cctRatio) {
    }

    public record Stats(double mean, double min, double p50, double p95, double max) {

        static Stats of(double[] values) {
            double[] v = values.clone();
            java.util.Arrays.sort(v);
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            return new Stats(sum / v.length, v[0], quantile(v, 0.5), quantile(v, 0.95), v[v.length - 1]);
        }

        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(sorted.length - 1, lo + 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
    }
}

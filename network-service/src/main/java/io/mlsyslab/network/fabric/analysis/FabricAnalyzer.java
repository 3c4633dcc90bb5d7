package io.mlsyslab.network.fabric.analysis;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.analysis.AnalysisReport.LinkLoad;
import io.mlsyslab.network.fabric.analysis.AnalysisReport.PolicyReport;
import io.mlsyslab.network.fabric.analysis.AnalysisReport.Stats;
import io.mlsyslab.network.fabric.analysis.AnalysisReport.TrialStats;
import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.routing.Router;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Phase;
import io.mlsyslab.network.fabric.traffic.TrafficPattern;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a workload under each policy and measures it. Every distinct traffic pattern is routed and simulated once
 * with a flow size of one byte; phases then scale the result by their flow size (fluid loads and drain times are
 * linear in it) and by their repeat count, which is how a 65,534-step ring all-reduce costs one routing.
 */
public final class FabricAnalyzer {

    private static final int HOTTEST_LINKS = 5;

    private FabricAnalyzer() {
    }

    public static AnalysisReport analyze(AnalysisRequest request) {
        long t0 = System.nanoTime();
        Fabric fabric = request.fabric();
        Map<TrafficPattern, Boolean> patterns = new IdentityHashMap<>();
        long steps = 0;
        long peakFlows = 0;
        for (Episode e : request.episodes()) {
            for (Phase p : e.phases()) {
                patterns.put(p.pattern(), Boolean.TRUE);
                steps += p.repeat();
                peakFlows = Math.max(peakFlows, p.pattern().flowCount());
            }
        }
        try {
            PolicyRun spray = run(fabric, request, new io.mlsyslab.network.fabric.routing.SprayingRouter(), null);
            List<PolicyReport> reports = new ArrayList<>();
            for (RoutingPolicy policy : request.policies()) {
                reports.add(policy == RoutingPolicy.SPRAYING ? report(policy, spray, spray, null)
                        : evaluate(fabric, request, policy, spray));
            }
            var fabricSummary = new AnalysisReport.FabricSummary(fabric.kind().wireName(), fabric.hostCount(),
                    fabric.leafCount(), fabric.linkCount(), fabric.oversubscription(), fabric.failedLinkCount());
            var workload = new AnalysisReport.WorkloadSummary(request.episodes().size(), steps, patterns.size(), peakFlows);
            return new AnalysisReport(fabricSummary, workload, reports, (System.nanoTime() - t0) / 1e9);
        } catch (ArithmeticException e) {
            throw new FieldErrorException("failedLinks", "the healthy path counts are too diverse for exact load "
                    + "arithmetic (" + e.getMessage() + ")", e);
        }
    }

    private static PolicyReport evaluate(Fabric fabric, AnalysisRequest request, RoutingPolicy policy, PolicyRun spray) {
        if (!policy.hashed()) {
            return report(policy, run(fabric, request, policy.router(request.ecmpSeed(), request.queuePairs()), spray),
                    spray, null);
        }
        int trials = request.ecmpTrials();
        double[] fabricRatio = new double[trials];
        double[] cctRatio = new double[trials];
        PolicyRun first = null;
        for (int t = 0; t < trials; t++) {
            Router router = policy.router(request.ecmpSeed() + t, request.queuePairs());
            PolicyRun r = run(fabric, request, router, spray);
            if (first == null) {
                first = r;
            }
            fabricRatio[t] = fabricRatio(r, spray);
            cctRatio[t] = ratio(r.cctSeconds, spray.cctSeconds);
        }
        TrialStats stats = new TrialStats(trials, request.ecmpSeed(), statsOrNull(fabricRatio), statsOrNull(cctRatio));
        return report(policy, first, spray, stats);
    }

    /** Exact quotient of the peak-step congestions when both peaks have the same flow size, else via seconds. */
    private static double fabricRatio(PolicyRun r, PolicyRun spray) {
        if (r.peakFabricFlows != null && spray.peakFabricFlows != null && r.peakFlowBytes == spray.peakFlowBytes
                && spray.peakFabricFlows.num() > 0) {
            java.math.BigInteger num = java.math.BigInteger.valueOf(r.peakFabricFlows.num())
                    .multiply(java.math.BigInteger.valueOf(spray.peakFabricFlows.den()));
            java.math.BigInteger den = java.math.BigInteger.valueOf(r.peakFabricFlows.den())
                    .multiply(java.math.BigInteger.valueOf(spray.peakFabricFlows.num()));
            return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL64)
                    .doubleValue();
        }
        return ratio(r.fabricMaxSeconds, spray.fabricMaxSeconds);
    }

    private static Stats statsOrNull(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return Stats.of(values);
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static PolicyReport report(RoutingPolicy policy, PolicyRun r, PolicyRun spray, TrialStats trials) {
        return new PolicyReport(policy.wireName(), policy.label(), r.fabricMaxSeconds,
                r.peakFabricFlows == null ? "0" : r.peakFabricFlows.toString(), r.fabricEqualsSpraying,
                r.allMaxSeconds, finiteOrNull(fabricRatio(r, spray)),
                finiteOrNull(ratio(r.allMaxSeconds, spray.allMaxSeconds)), r.cctSeconds, r.makespanSeconds,
                finiteOrNull(ratio(r.cctSeconds, spray.cctSeconds)), r.simulated ? "max-min-fluid" : "bottleneck-bound",
                r.hotLinks, r.hottest, finiteOrNull(r.jain), r.extraSubFlows, r.optimal, trials, r.elapsedSeconds);
    }

    /** Everything measured for one router over the whole workload. */
    private static final class PolicyRun {
        double fabricMaxSeconds;
        Rational peakFabricFlows;
        double peakFlowBytes;
        boolean fabricEqualsSpraying = true;
        double allMaxSeconds;
        double cctSeconds;
        double makespanSeconds;
        boolean simulated = true;
        int hotLinks;
        List<LinkLoad> hottest = List.of();
        double jain = Double.NaN;
        long extraSubFlows;
        boolean optimal = true;
        double elapsedSeconds;
        final Map<TrafficPattern, PatternResult> patterns = new IdentityHashMap<>();
    }

    /** One routed pattern reduced to what the phases need (the flow table is dropped after simulation). */
    private record PatternResult(Rational fabricMax, double allMaxPerByte, double drainPerByte, boolean simulated,
                                 int maxHops, long extraSubFlows, RoutedPattern routed) {
    }

    private static PolicyRun run(Fabric fabric, AnalysisRequest request, Router router, PolicyRun spray) {
        long t0 = System.nanoTime();
        PolicyRun run = new PolicyRun();
        double fabricCap = fabric.fabricCapacityBytesPerSecond();
        double[] fabricBytes = new double[fabric.linkCount()];
        int firstFabric = 2 * fabric.hostCount();
        TrafficPattern peakPattern = null;
        double peakFlowBytes = 0;
        double clock = 0;
        for (Episode episode : request.episodes()) {
            double episodeTime = 0;
            for (Phase phase : episode.phases()) {
                PatternResult pr = run.patterns.computeIfAbsent(phase.pattern(),
                        p -> routeAndMeasure(fabric, router, p, request.routing()));
                double f = phase.flowBytes();
                double fabricSec = pr.fabricMax.toDouble() * f / fabricCap;
                if (fabricSec > run.fabricMaxSeconds || peakPattern == null) {
                    run.fabricMaxSeconds = Math.max(run.fabricMaxSeconds, fabricSec);
                    run.peakFabricFlows = pr.fabricMax;
                    peakPattern = phase.pattern();
                    peakFlowBytes = f;
                }
                double allSec = pr.allMaxPerByte * f;
                run.allMaxSeconds = Math.max(run.allMaxSeconds, allSec);
                double drain = (pr.simulated ? pr.drainPerByte : pr.allMaxPerByte) * f;
                run.simulated &= pr.simulated;
                episodeTime += phase.repeat() * (drain + pr.maxHops * fabric.linkLatencySeconds());
                run.extraSubFlows += phase.repeat() * pr.extraSubFlows;
                run.optimal &= pr.routed.optimal();
                long[] units = pr.routed.linkUnits();
                double scale = f * phase.repeat() / pr.routed.denominator();
                for (int l = firstFabric; l < units.length; l++) {
                    fabricBytes[l] += units[l] * scale;
                }
                if (spray != null) {
                    PatternResult sp = spray.patterns.get(phase.pattern());
                    run.fabricEqualsSpraying &= pr.fabricMax.compareTo(sp.fabricMax) == 0;
                    run.hotLinks = Math.max(run.hotLinks, LinkLoads.fabricLinksAbove(fabric, pr.routed, sp.fabricMax));
                }
            }
            clock = Math.max(clock, episode.startSeconds()) + episodeTime;
            run.cctSeconds += episodeTime;
        }
        run.makespanSeconds = clock;
        run.peakFlowBytes = peakFlowBytes;
        if (peakPattern != null) {
            run.hottest = hottest(fabric, run.patterns.get(peakPattern).routed, peakFlowBytes);
        }
        run.jain = jain(fabric, fabricBytes, firstFabric);
        run.elapsedSeconds = (System.nanoTime() - t0) / 1e9;
        return run;
    }

    private static PatternResult routeAndMeasure(Fabric fabric, Router router, TrafficPattern pattern,
                                                 RoutingOptions options) {
        RoutedPattern routed = router.route(fabric, pattern, options);
        boolean simulated = routed.flows() != null && routed.flows().complete();
        double drain = simulated ? MaxMinFairSimulator.drainSeconds(fabric, routed.flows()) : Double.NaN;
        // keep the loads, drop the flow table: it can be hundreds of MB at scale
        RoutedPattern slim = new RoutedPattern(routed.denominator(), routed.linkUnits(), null, routed.extraSubFlows(),
                routed.maxHops(), routed.optimal());
        return new PatternResult(LinkLoads.fabricMaxFlows(fabric, routed), LinkLoads.allLinksMaxSecondsPerByte(fabric,
                routed), drain, simulated, routed.maxHops(), routed.extraSubFlows(), slim);
    }

    private static List<LinkLoad> hottest(Fabric fabric, RoutedPattern routed, double flowBytes) {
        long[] units = routed.linkUnits();
        int first = 2 * fabric.hostCount();
        // partial selection of the few largest: the fabric can have 10^5 links
        int[] best = new int[HOTTEST_LINKS];
        int n = 0;
        for (int l = first; l < units.length; l++) {
            if (units[l] == 0) {
                continue;
            }
            if (n < HOTTEST_LINKS) {
                best[n++] = l;
            } else if (units[l] > units[best[n - 1]]) {
                best[n - 1] = l;
            } else {
                continue;
            }
            for (int i = n - 1; i > 0 && units[best[i]] > units[best[i - 1]]; i--) {
                int t = best[i];
                best[i] = best[i - 1];
                best[i - 1] = t;
            }
        }
        List<LinkLoad> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int l = best[i];
            out.add(new LinkLoad(fabric.linkName(l),
                    (double) units[l] / routed.denominator() * flowBytes / fabric.capacityBytesPerSecond(l)));
        }
        return out;
    }

    private static double jain(Fabric fabric, double[] bytes, int first) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int l = first; l < bytes.length; l++) {
            if (fabric.isHealthy(l)) {
                sum += bytes[l];
                sq += bytes[l] * bytes[l];
                n++;
            }
        }
        return sq > 0 ? sum * sum / (n * sq) : Double.NaN;
    }
}

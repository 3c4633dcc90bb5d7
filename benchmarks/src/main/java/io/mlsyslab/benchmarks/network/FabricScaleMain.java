package io.mlsyslab.benchmarks.network;

import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.analysis.FabricAnalyzer;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * Plain timing harness for the scale targets, one case per JVM so peak heap is per case:
 * {@code java -Xmx768m -cp ... io.mlsyslab.benchmarks.network.FabricScaleMain RING_32K [policy...]}.
 * Prints wall seconds (request building excluded and included), the peak of the heap pools, and each policy's
 * headline numbers so the run can be sanity-checked.
 */
public final class FabricScaleMain {

    private FabricScaleMain() {
    }

    public static void main(String[] args) {
        FabricScaleCases c = FabricScaleCases.valueOf(args.length > 0 ? args[0] : "RING_32K");
        List<RoutingPolicy> policies = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).map(p -> RoutingPolicy.fromName("policy", p)).toList()
                : List.of(RoutingPolicy.values());
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        AnalysisRequest request = c.request(policies);
        long t1 = System.nanoTime();
        AnalysisReport report = FabricAnalyzer.analyze(request);
        long t2 = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "case=%s hosts=%d build=%.2fs analyze=%.2fs total=%.2fs peakHeapPoolsMB=%.0f maxHeapMB=%.0f%n",
                c, report.fabric().hosts(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        for (AnalysisReport.PolicyReport p : report.policies()) {
            System.out.printf(Locale.ROOT, "  %-20s %6.2fs fabricMC=%s ratio=%s cct=%.6fs cctRatio=%s method=%s extra=%d%n",
                    p.policy(), p.elapsedSeconds(), p.fabricMaxCongestionFlows(), p.fabricRatioToSpraying(),
                    p.cctSeconds(), p.cctRatioToSpraying(), p.cctMethod(), p.extraSubFlows());
        }
    }
}

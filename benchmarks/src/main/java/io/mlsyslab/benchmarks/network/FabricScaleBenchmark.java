package io.mlsyslab.benchmarks.network;

import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.analysis.FabricAnalyzer;
import io.mlsyslab.network.fabric.analysis.LinkLoads;
import io.mlsyslab.network.fabric.analysis.Rational;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.traffic.Phase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scale targets of issue 4 part A, per policy: {@code analyze} is the full analysis (routing, exact loads, max-min
 * fluid completion time); {@code loadsOnly} routes the same pattern without the flow table, the reference that shows
 * what the completion-time simulation costs on top. Single-shot: one analysis is seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class FabricScaleBenchmark {

    @Param({"RING_32K", "PERMUTATION_32K", "ALL_TO_ALL_4K"})
    public String scaleCase;

    @Param({"ecmp", "ecmp-qp", "single-path-optimal", "minimal-splitting", "spraying"})
    public String policy;

    private AnalysisRequest request;
    private RoutingPolicy routingPolicy;

    @Setup
    public void setUp() {
        routingPolicy = RoutingPolicy.fromName("policy", policy);
        request = FabricScaleCases.valueOf(scaleCase).request(List.of(routingPolicy));
    }

    @Benchmark
    public AnalysisReport analyze() {
        return FabricAnalyzer.analyze(request);
    }

    @Benchmark
    public Rational loadsOnly() {
        Phase phase = request.episodes().getFirst().phases().getFirst();
        return LinkLoads.fabricMaxFlows(request.fabric(), routingPolicy.router(1, 4)
                .route(request.fabric(), phase.pattern(), RoutingOptions.loadsOnly()));
    }
}

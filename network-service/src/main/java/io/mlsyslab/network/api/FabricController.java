package io.mlsyslab.network.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.analysis.FabricAnalyzer;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.network.fabric.traffic.ScheduleReplay;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.platform.errors.ProblemException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Synchronous fabric analysis: one fabric x one workload x the policies. Requests over {@link FabricLimits} answer
 * 413, parameters the engine rejects (zero capacity, more spines than ports, a disconnected leaf pair) answer 422,
 * both naming the field; malformed bodies answer 400. Each analysis is timed as {@code network.fabric.analysis}.
 */
@RestController
@RequestMapping("/api/network/fabric")
public class FabricController {

    private final FabricLimits limits;
    private final MeterRegistry registry;

    @Autowired
    public FabricController(FabricLimits limits, ObjectProvider<MeterRegistry> registry) {
        this(limits, registry.getIfAvailable());
    }

    public FabricController(FabricLimits limits, MeterRegistry registry) {
        this.limits = limits;
        this.registry = registry;
    }

    @PostMapping("/analyze")
    public AnalysisReport analyze(@Valid @RequestBody FabricAnalyzeRequest body) {
        if (body == null || body.fabric() == null) {
            throw ProblemException.badField("fabric", "is required");
        }
        FabricAnalyzeRequest.TrafficBody traffic = body.traffic() != null ? body.traffic()
                : new FabricAnalyzeRequest.TrafficBody(null, null, null, null, null);
        Fabric fabric = buildFabric(body.fabric());
        List<Episode> episodes = buildWorkload(fabric, traffic, body.seed() == null ? 1 : body.seed());
        List<RoutingPolicy> policies = policies(body.policies());
        int trials = body.ecmpTrials() == null ? 20 : body.ecmpTrials();
        if (trials < 1) {
            throw ProblemException.unprocessable("ecmpTrials", "must be >= 1, was " + trials);
        }
        if (trials > limits.maxEcmpTrials()) {
            throw ProblemException.tooLarge("ecmpTrials", "at most " + limits.maxEcmpTrials() + ", was " + trials);
        }
        int queuePairs = body.queuePairs() == null ? 4 : body.queuePairs(); // range checked by @Valid
        long peakFlows = peakFlows(episodes);
        boolean hashed = policies.stream().anyMatch(RoutingPolicy::hashed);
        if (hashed && (long) trials * peakFlows * queuePairs > limits.maxTrialFlows()) {
            throw ProblemException.tooLarge("ecmpTrials", trials + " trials x " + peakFlows + " flows x " + queuePairs
                    + " queue pairs exceed " + limits.maxTrialFlows() + "; lower ecmpTrials or use a spraying-study run");
        }
        AnalysisRequest request;
        try {
            request = new AnalysisRequest(fabric, episodes, policies, trials, body.seed() == null ? 1 : body.seed(),
                    queuePairs, RoutingOptions.defaults());
        } catch (IllegalArgumentException e) {
            throw unprocessable("", e);
        }
        long t0 = System.nanoTime();
        AnalysisReport report;
        try {
            report = FabricAnalyzer.analyze(request);
        } catch (IllegalArgumentException e) {
            throw unprocessable("fabric", e);
        }
        if (registry != null) {
            Timer.builder("network.fabric.analysis").description("synchronous fabric analyses")
                    .tag("topology", fabric.kind().wireName())
                    .tag("workload", traffic.schedule() != null ? "schedule"
                            : Collective.fromName("traffic.collective", traffic.collective()).wireName())
                    .register(registry).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
        return report;
    }

    private Fabric buildFabric(FabricAnalyzeRequest.FabricBody f) {
        try {
            var spec = FabricRequests.spec(f);
            if (spec.topology() == io.mlsyslab.network.fabric.topology.TopologyKind.LEAF_SPINE
                    && (long) spec.leaves() * spec.hostsPerLeaf() > limits.maxHosts()) {
                throw ProblemException.tooLarge("fabric.hostsPerLeaf", spec.leaves() + " leaves x "
                        + spec.hostsPerLeaf() + " hosts exceed " + limits.maxHosts() + " hosts");
            }
            if (spec.topology() == io.mlsyslab.network.fabric.topology.TopologyKind.FAT_TREE
                    && (long) spec.k() * spec.k() * spec.k() / 4 > limits.maxHosts()) {
                throw ProblemException.tooLarge("fabric.k", "a k=" + spec.k() + " fat-tree exceeds "
                        + limits.maxHosts() + " hosts");
            }
            return Fabrics.build(spec);
        } catch (IllegalArgumentException e) {
            throw unprocessable("fabric", e);
        }
    }

    private List<Episode> buildWorkload(Fabric fabric, FabricAnalyzeRequest.TrafficBody t, long seed) {
        try {
            int ranks = t.ranks() == null ? fabric.hostCount() : t.ranks();
            Placement placement = Placement.fromName("placement", t.placement());
            if (t.schedule() != null) {
                if (t.schedule().events().size() > limits.maxEvents()) {
                    throw ProblemException.tooLarge("traffic.schedule.events", "at most " + limits.maxEvents()
                            + " events, was " + t.schedule().events().size());
                }
                int workers = t.schedule().workers() != null ? t.schedule().workers() : ranks;
                if (workers > fabric.hostCount()) {
                    throw ProblemException.unprocessable("traffic.schedule.workers", workers + " workers exceed the "
                            + fabric.hostCount() + " hosts of the fabric");
                }
                int[] hosts = placement.hostsOf(workers, fabric.leafCount(), fabric.hostsPerLeaf(), seed);
                // every event is routed on its own, so the budget covers their sum, not only the largest one
                long scheduleFlows = 0;
                for (var e : t.schedule().events()) {
                    int n = e.participants() == null ? workers : e.participants().size();
                    Collective c = Collective.fromName("schedule.events.collective", e.collective());
                    long peak = c.peakFlowsPerStep(n);
                    checkFlows("traffic.schedule.events", peak);
                    scheduleFlows += peak;
                }
                if (scheduleFlows > limits.maxScheduleFlows()) {
                    throw ProblemException.tooLarge("traffic.schedule.events", "the events' busiest steps add up to "
                            + scheduleFlows + " flows, over the limit of " + limits.maxScheduleFlows()
                            + " for a synchronous analysis; replay fewer or smaller events");
                }
                return ScheduleReplay.episodes(t.schedule(), hosts, seed);
            }
            Collective collective = Collective.fromName("collective", t.collective());
            checkFlows("traffic.ranks", collective.peakFlowsPerStep(ranks));
            double bytes = t.messageBytes() == null ? 64.0 * (1 << 20) : t.messageBytes();
            int[] hosts = placement.hostsOf(ranks, fabric.leafCount(), fabric.hostsPerLeaf(), seed);
            return List.of(new Episode(collective.wireName(), 0, ranks, collective.phases(hosts, bytes, seed)));
        } catch (IllegalArgumentException e) {
            throw unprocessable("traffic", e);
        }
    }

    private void checkFlows(String field, long flows) {
        if (flows > limits.maxFlowsPerStep()) {
            throw ProblemException.tooLarge(field, "a step would have " + flows + " flows, more than "
                    + limits.maxFlowsPerStep());
        }
    }

    private static List<RoutingPolicy> policies(List<String> names) {
        if (names == null) {
            return List.of(RoutingPolicy.values());
        }
        if (names.isEmpty()) {
            throw ProblemException.unprocessable("policies", "must name at least one policy");
        }
        List<RoutingPolicy> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                RoutingPolicy p = RoutingPolicy.fromName("policies[" + i + "]", names.get(i));
                if (!out.contains(p)) {
                    out.add(p);
                }
            } catch (IllegalArgumentException e) {
                throw unprocessable("", e);
            }
        }
        return out;
    }

    private static long peakFlows(List<Episode> episodes) {
        long peak = 0;
        for (Episode e : episodes) {
            for (var p : e.phases()) {
                peak = Math.max(peak, p.pattern().flowCount());
            }
        }
        return peak;
    }

    /**
     * An engine's typed field errors seen from the request body: {@code spines} under {@code fabric} becomes
     * {@code fabric.spines}; failed-link errors belong to the fabric wherever the engine found them. An untyped
     * {@link IllegalArgumentException} (older engine code) is a 422 on the enclosing object.
     */
    static ProblemException unprocessable(String prefix, IllegalArgumentException e) {
        if (e instanceof FieldErrorException typed) {
            boolean failedLinks = typed.errors().getFirst().field().startsWith("failedLinks");
            return ProblemException.of(typed.prefixed(failedLinks ? "fabric" : prefix));
        }
        return ProblemException.unprocessable(prefix.isEmpty() ? "request" : prefix,
                e.getMessage() == null ? "invalid" : e.getMessage());
    }
}

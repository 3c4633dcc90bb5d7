package io.mlsyslab.network.runs;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.analysis.AnalysisReport;
import io.mlsyslab.network.fabric.analysis.AnalysisRequest;
import io.mlsyslab.network.fabric.analysis.FabricAnalyzer;
import io.mlsyslab.network.fabric.routing.RoutingOptions;
import io.mlsyslab.network.fabric.routing.RoutingPolicy;
import io.mlsyslab.network.fabric.topology.Fabric;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.Fabrics;
import io.mlsyslab.network.fabric.topology.FailedLink;
import io.mlsyslab.network.fabric.topology.TopologyKind;
import io.mlsyslab.network.fabric.traffic.Collective;
import io.mlsyslab.network.fabric.traffic.Episode;
import io.mlsyslab.network.fabric.traffic.Placement;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Run kind {@code spraying-study}: sweeps fabric size, collective, placement, failed links and message size, and
 * compares every policy with ideal spraying. Metrics per point ({@code cctRatio.<policy>},
 * {@code fabricRatio.<policy>}, {@code analysisSeconds}); {@code chart.svg} plots the completion-time ratio against
 * message size for the first fabric, placement and failure count, one line per policy and collective.
 */
@Component
public class SprayingStudyRun implements RunKind<SprayingStudyParams, SprayingStudyResult> {

    static final int MAX_POINTS = SprayingStudyParams.MAX_POINTS;

    @Override
    public String name() {
        return "spraying-study";
    }

    @Override
    public String description() {
        return "Flow splitting vs packet spraying vs ECMP on leaf-spine fabrics: congestion and completion-time ratios "
                + "swept over fabric size, collective, placement, failures and message size";
    }

    @Override
    public Class<SprayingStudyParams> paramsType() {
        return SprayingStudyParams.class;
    }

    @Override
    public SprayingStudyResult execute(SprayingStudyParams p, RunContext ctx) {
        // every limit (points, failures per fabric) was checked when the params were bound at submission
        List<RoutingPolicy> policies = p.policies();
        long t0 = System.nanoTime();
        List<SprayingStudyResult.Row> rows = new ArrayList<>();
        Boolean splitEqual = policies.contains(RoutingPolicy.MINIMAL_SPLITTING) ? Boolean.TRUE : null;
        int done = 0;
        for (int n : p.fabricSizes()) {
            for (int failed : p.failedLinks()) {
                Fabric fabric = fabric(n, failed, p);
                for (Collective collective : p.collectives()) {
                    for (Placement placement : p.placements()) {
                        int ranks = fabric.hostCount();
                        if (collective == Collective.HALVING_DOUBLING) {
                            ranks = Integer.highestOneBit(ranks);
                        }
                        int[] hosts = placement.hostsOf(ranks, n, n, p.seed());
                        for (double bytes : p.messageBytes()) {
                            ctx.checkCancelled();
                            long ts = System.nanoTime();
                            Episode e = new Episode(collective.wireName(), 0, ranks,
                                    collective.phases(hosts, bytes, p.seed()));
                            AnalysisReport report = FabricAnalyzer.analyze(new AnalysisRequest(fabric, List.of(e),
                                    policies, p.ecmpTrials(), p.seed(), p.queuePairs(), RoutingOptions.defaults()));
                            for (AnalysisReport.PolicyReport r : report.policies()) {
                                rows.add(row(n, collective, placement, failed, bytes, r));
                                if (r.policy().equals(RoutingPolicy.MINIMAL_SPLITTING.wireName())) {
                                    splitEqual &= r.fabricEqualsSpraying();
                                }
                                if (r.cctRatioToSpraying() != null) {
                                    ctx.metric("cctRatio." + r.policy(), done, r.cctRatioToSpraying());
                                }
                                if (r.fabricRatioToSpraying() != null) {
                                    ctx.metric("fabricRatio." + r.policy(), done, r.fabricRatioToSpraying());
                                }
                            }
                            ctx.metric("analysisSeconds", done, (System.nanoTime() - ts) / 1e9);
                            ctx.progress(++done / (double) p.points());
                        }
                    }
                }
            }
        }
        SprayingStudyResult result = new SprayingStudyResult(p.points(), rows, splitEqual,
                (System.nanoTime() - t0) / 1e9);
        ctx.artifact("chart.svg", "image/svg+xml", chart(p, rows));
        return result;
    }

    /** An n x n x n 1:1 leaf-spine with {@code failed} seeded leaf-spine failures on distinct leaves. */
    static Fabric fabric(int n, int failed, SprayingStudyParams p) {
        if (failed > n) {
            throw new FieldErrorException("failedLinks", failed + " failures need " + failed
                    + " leaves, the fabric has " + n);
        }
        SplittableRandom rng = new SplittableRandom(p.seed() * 31 + n);
        List<FailedLink> links = new ArrayList<>();
        int[] leaves = failed == 0 ? new int[0] : Placement.RANDOM.hostsOf(failed, n, 1, rng.nextLong());
        for (int leaf : leaves) {
            // with two spines, failures on different spines would cut leaf pairs apart; keep them on one
            links.add(FailedLink.leafSpine(leaf, n <= 2 ? 0 : rng.nextInt(n)));
        }
        return Fabrics.build(new FabricSpec(TopologyKind.LEAF_SPINE, n, n, n, 0, p.linkGbps(), p.linkGbps(), null,
                p.linkLatencyNs(), null, links));
    }

    private static SprayingStudyResult.Row row(int n, Collective c, Placement pl, int failed, double bytes,
                                               AnalysisReport.PolicyReport r) {
        Double fabricMean = r.trials() != null && r.trials().fabricRatio() != null ? r.trials().fabricRatio().mean() : null;
        Double cctMean = r.trials() != null && r.trials().cctRatio() != null ? r.trials().cctRatio().mean() : null;
        return new SprayingStudyResult.Row(n, c.wireName(), pl.wireName(), failed, bytes, r.policy(),
                r.fabricRatioToSpraying(), fabricMean, r.cctRatioToSpraying(), cctMean, r.cctSeconds(), r.cctMethod(),
                r.hotLinkCount(), r.jainIndex(), r.extraSubFlows(), r.fabricEqualsSpraying());
    }

    static byte[] chart(SprayingStudyParams p, List<SprayingStudyResult.Row> rows) {
        int n = p.fabricSizes().getFirst();
        String placement = p.placements().getFirst().wireName();
        int failed = p.failedLinks().getFirst();
        SvgChart chart = SvgChart.line("CCT / spraying, " + n + "x" + n + "x" + n + ", " + placement + ", "
                + failed + " failed", "message bytes per rank", "completion time ratio").logX();
        Map<String, List<SprayingStudyResult.Row>> series = new LinkedHashMap<>();
        for (SprayingStudyResult.Row r : rows) {
            if (r.fabricSize() == n && r.placement().equals(placement) && r.failedLinks() == failed
                    && !r.policy().equals("spraying")) {
                series.computeIfAbsent(r.policy() + " / " + r.collective(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<SprayingStudyResult.Row>> s : series.entrySet()) {
            double[] x = new double[s.getValue().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                SprayingStudyResult.Row r = s.getValue().get(i);
                x[i] = r.messageBytes();
                Double v = r.cctRatioMean() != null ? r.cctRatioMean() : r.cctRatio();
                y[i] = v == null ? Double.NaN : v;
            }
            chart.series(s.getKey(), x, y);
        }
        return chart.toBytes();
    }
}

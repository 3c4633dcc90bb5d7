package io.mlsyslab.network.runs;

import io.mlsyslab.network.wireless.metrics.Estimate;
import io.mlsyslab.network.wireless.sim.Experiment;
import io.mlsyslab.network.wireless.sim.ScenarioConfig;
import io.mlsyslab.network.wireless.sim.ScenarioKnobs;
import io.mlsyslab.network.wireless.sim.Stack;
import io.mlsyslab.network.wireless.sim.StackPreset;
import io.mlsyslab.network.wireless.sim.StackSummary;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code wireless-crosslayer}: L0, L1, X and X's ablations on video over a fading link, swept one parameter
 * at a time (mean SNR, Doppler, feedback delay, retry limit, playout buffer) around a base scenario. Stores per-point
 * metrics with 95% CIs, metric series per sweep and stack, and {@code chart.svg} (deadline-miss rate and PSNR per
 * stack over the SNR sweep) plus one such chart per sweep.
 */
@Component
public class WirelessCrossLayerRun implements RunKind<WirelessCrossLayerParams, WirelessCrossLayerResult> {

    private record SweepSpec(String parameter, String unit, List<Double> values,
            BiFunction<ScenarioConfig, Double, ScenarioConfig> apply) {}

    @Override
    public String name() {
        return "wireless-crosslayer";
    }

    @Override
    public String description() {
        return "Cross-layer vs layered video over a fading wireless link: deadline misses, PSNR, delay, energy per stack "
                + "swept over mean SNR, Doppler, feedback delay, retry limit and playout buffer";
    }

    @Override
    public Class<WirelessCrossLayerParams> paramsType() {
        return WirelessCrossLayerParams.class;
    }

    @Override
    public WirelessCrossLayerResult execute(WirelessCrossLayerParams p, RunContext ctx) {
        long started = System.nanoTime();
        ScenarioConfig base = baseScenario(p);
        List<Stack> stacks = p.stacks().stream().map(StackPreset::stack).toList();
        List<SweepSpec> sweeps = sweeps(p).stream().filter(s -> !s.values().isEmpty()).toList();
        int totalPoints = sweeps.stream().mapToInt(s -> s.values().size()).sum();
        int done = 0;
        long simulations = 0;
        List<WirelessCrossLayerResult.Sweep> out = new ArrayList<>();
        for (SweepSpec sweep : sweeps) {
            List<WirelessCrossLayerResult.Point> points = new ArrayList<>();
            for (int i = 0; i < sweep.values().size(); i++) {
                ctx.checkCancelled();
                double value = sweep.values().get(i);
                List<StackSummary> summaries = Experiment.run(sweep.apply().apply(base, value), stacks, p.seeds(),
                        p.baseSeed());
                simulations += (long) stacks.size() * p.seeds();
                for (StackSummary s : summaries) {
                    for (String metric : SweepCharts.REPORTED) {
                        double mean = s.metric(metric).mean();
                        if (Double.isFinite(mean)) {
                            ctx.metric(sweep.parameter() + "." + s.stack() + "." + metric, i, mean);
                        }
                    }
                }
                points.add(new WirelessCrossLayerResult.Point(value, summaries.stream().map(this::toDto).toList()));
                ctx.progress(++done / (double) totalPoints);
            }
            WirelessCrossLayerResult.Sweep result = new WirelessCrossLayerResult.Sweep(sweep.parameter(), sweep.unit(),
                    points);
            out.add(result);
            ctx.artifact("sweep-" + sweep.parameter() + ".svg", "image/svg+xml", SweepCharts.missAndPsnr(result));
        }
        if (!out.isEmpty()) {
            // the main figure is the first sweep run, normally the mean-SNR sweep
            ctx.artifact("chart.svg", "image/svg+xml", SweepCharts.missAndPsnr(out.getFirst()));
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        ctx.metric("elapsedSeconds", 0, elapsed);
        return new WirelessCrossLayerResult(out, simulations, elapsed);
    }

    static ScenarioConfig baseScenario(WirelessCrossLayerParams p) {
        return new ScenarioKnobs(p.users(), p.durationSeconds(), "VIDEO", p.fading().name(), p.modeTable().wireName(),
                p.meanSnrDb(), p.dopplerHz(), p.feedbackDelaySlots(), ScenarioConfig.defaults().channel().estimationNoiseVariance(),
                p.retryLimit(), p.lossTarget(), p.playoutBufferMs(), p.burstGoodToBad(), p.burstBadToGood()).toConfig();
    }

    private static List<SweepSpec> sweeps(WirelessCrossLayerParams p) {
        List<SweepSpec> out = new ArrayList<>();
        out.add(new SweepSpec("meanSnrDb", "dB", p.meanSnrDbSweep(),
                (c, v) -> c.withChannel(c.channel().withMeanSnrDb(v))));
        out.add(new SweepSpec("dopplerHz", "Hz", p.dopplerHzSweep(),
                (c, v) -> c.withChannel(c.channel().withDopplerHz(v))));
        out.add(new SweepSpec("feedbackDelaySlots", "slots", p.feedbackDelaySweep().stream().map(Integer::doubleValue)
                .toList(), (c, v) -> c.withChannel(c.channel().withFeedbackDelaySlots(v.intValue()))));
        out.add(new SweepSpec("retryLimit", "retries", p.retryLimitSweep().stream().map(Integer::doubleValue).toList(),
                (c, v) -> c.withLink(c.link().withRetryLimit(v.intValue()))));
        out.add(new SweepSpec("playoutBufferMs", "ms", p.playoutBufferMsSweep(),
                (c, v) -> c.withVideo(c.video().withPlayoutBuffer(v / 1000.0))));
        return out;
    }

    private WirelessCrossLayerResult.StackMetrics toDto(StackSummary s) {
        Map<String, WirelessCrossLayerResult.Metric> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Estimate> e : s.metrics().entrySet()) {
            metrics.put(e.getKey(), new WirelessCrossLayerResult.Metric(finite(e.getValue().mean()),
                    finite(e.getValue().halfWidth95())));
        }
        return new WirelessCrossLayerResult.StackMetrics(s.stack(), metrics);
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

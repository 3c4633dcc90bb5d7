package io.mlsyslab.training.runs;

import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.training.quant.Codec;
import io.mlsyslab.training.trainer.Algorithm;
import io.mlsyslab.training.trainer.Corpus;
import io.mlsyslab.training.trainer.InProcessTrainer;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code diloco-compare}: the Streaming DiLoCo paper's comparison at small scale. Trains data-parallel,
 * DiLoCo (fp32 outer gradients), Streaming DiLoCo (fp32) and Streaming DiLoCo (fp4-e3m0) in process, on the same
 * data, seed, workers and token budget; reports final held-out loss, total and peak bytes per method. Metrics are
 * prefixed by the method ({@code data-parallel.eval.loss}, ...). Artifacts: {@code chart.svg} (eval loss vs tokens
 * above cumulative bytes vs tokens, log scale), {@code table.md}.
 */
@Component
public class DilocoCompareRun implements RunKind<DilocoCompareParams, DilocoCompareResult> {
    private final TrainingMeters meters;

    public DilocoCompareRun(TrainingMeters meters) {
        this.meters = meters;
    }

    @Override
    public String name() {
        return "diloco-compare";
    }

    @Override
    public String description() {
        return "Data-parallel vs DiLoCo vs Streaming DiLoCo (fp32 and fp4) at equal tokens, workers, data and seed: "
                + "held-out loss, total bytes and peak bytes per sync";
    }

    @Override
    public Class<DilocoCompareParams> paramsType() {
        return DilocoCompareParams.class;
    }

    @Override
    public DilocoCompareResult execute(DilocoCompareParams p, RunContext ctx) {
        TrainerConfig s4 = p.streamingConfig();
        Corpus corpus = Corpus.load(s4.corpus(), s4.seed());
        record Method(String name, TrainerConfig config) {
        }
        List<Method> methods = List.of(
                new Method("data-parallel", s4.with(Algorithm.DATA_PARALLEL, 1, 0, Codec.NONE)),
                new Method("diloco", s4.with(Algorithm.DILOCO, 1, 0, Codec.NONE)),
                new Method("streaming-diloco", s4.with(Algorithm.STREAMING_DILOCO, s4.fragments(), s4.overlap(),
                        Codec.NONE)),
                new Method("streaming-diloco-fp4", s4));
        TrainingMeters.RunMeters runMeters = meters.forRun(name(), String.valueOf(ctx.runId()));
        List<TrainingOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            RunRecorder rec = new RunRecorder(ctx, runMeters, m.config(), m.name() + ".", i / 4.0, 0.245);
            outcomes.add(InProcessTrainer.train(m.config(), corpus, rec));
        }
        TrainingOutcome dp = outcomes.get(0), diloco = outcomes.get(1);
        List<DilocoCompareResult.Row> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| method | quantisation | final eval loss | vs data-parallel | "
                + "total bytes | bytes vs DP | peak bytes/sync | peak vs DiLoCo | syncs | tokens/s |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < methods.size(); i++) {
            TrainerConfig c = methods.get(i).config();
            TrainingOutcome o = outcomes.get(i);
            DilocoCompareResult.Row row = new DilocoCompareResult.Row(methods.get(i).name(),
                    c.algorithm().wireName(), c.quantisation().wireName(), o.finalEvalLoss(),
                    o.finalEvalLoss() / dp.finalEvalLoss() - 1, o.totalBytes(),
                    (double) o.totalBytes() / dp.totalBytes(), o.peakSyncBytes(),
                    (double) o.peakSyncBytes() / diloco.peakSyncBytes(), o.syncs().size(), o.wallSeconds(),
                    o.tokensPerSecond());
            rows.add(row);
            table.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %+.2f%% | %d | %.4f | %d | %.3f | %d | %.0f |%n",
                    row.method(), row.quantisation(), row.finalEvalLoss(), 100 * row.lossVsDataParallel(),
                    row.totalBytes(), row.bytesVsDataParallel(), row.peakSyncBytes(), row.peakVsDiloco(),
                    row.syncs(), row.tokensPerSecond()));
        }
        SvgChart loss = SvgChart.line("diloco-compare: held-out loss vs tokens", "tokens", "loss (nats/token)");
        SvgChart bytes = SvgChart.line("bytes sent by all workers vs tokens", "tokens", "bytes").logY();
        for (int i = 0; i < methods.size(); i++) {
            loss.series(methods.get(i).name(), Charts.evalTokens(outcomes.get(i)), Charts.evalLoss(outcomes.get(i)));
            double[][] b = Charts.bytesVsTokens(methods.get(i).config(), outcomes.get(i));
            bytes.series(methods.get(i).name(), drop0(b[0]), drop0(b[1]));
        }
        ctx.artifact("chart.svg", "image/svg+xml", Charts.stack(loss, bytes));
        ctx.artifact("table.md", "text/markdown", table.toString().getBytes(StandardCharsets.UTF_8));
        ctx.progress(1.0);
        return new DilocoCompareResult(s4.workers(), s4.innerSteps(), s4.fragments(), s4.overlap(), dp.tokens(),
                Double.isNaN(corpus.entropyFloor()) ? null : corpus.entropyFloor(), rows, table.toString());
    }

    /** Without the origin point (log scale). */
    private static double[] drop0(double[] x) {
        return java.util.Arrays.copyOfRange(x, 1, x.length);
    }
}

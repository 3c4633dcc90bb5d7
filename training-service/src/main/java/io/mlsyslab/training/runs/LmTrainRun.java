package io.mlsyslab.training.runs;

import io.mlsyslab.nn.model.Gpt2Checkpoint;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.model.ParameterLayout;
import io.mlsyslab.nn.safetensors.DType;
import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.training.distributed.DistributedTrainer;
import io.mlsyslab.training.distributed.WorkerSpawner;
import io.mlsyslab.training.trainer.Corpus;
import io.mlsyslab.training.trainer.InProcessTrainer;
import io.mlsyslab.training.trainer.ScheduleExport;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingOutcome;
import io.mlsyslab.training.trainer.WorkerLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Run kind {@code lm-train}: one training run of a small GPT-2 with data-parallel, DiLoCo or Streaming DiLoCo,
 * in-process or with worker processes over HTTP. Metrics: see {@link RunRecorder}. Artifacts: {@code config.json},
 * {@code model.safetensors} (fp32, Hugging Face GPT-2 names), {@code tokenizer.json} (nn-core char tokenizer),
 * {@code sync-schedule.json} ({@code mlsys-lab/sync-schedule@1}), {@code chart.svg} (loss and bytes vs tokens).
 */
@Component
public class LmTrainRun implements RunKind<LmTrainParams, LmTrainResult> {
    /** How long a worker process may stay silent before the run fails. */
    static final Duration WORKER_TIMEOUT = Duration.ofSeconds(30);
    private final TrainingMeters meters;

    public LmTrainRun(TrainingMeters meters) {
        this.meters = meters;
    }

    @Override
    public String name() {
        return "lm-train";
    }

    @Override
    public String description() {
        return "Train a small GPT-2 with data-parallel, DiLoCo or Streaming DiLoCo (fragments, overlap, fp4/int8 "
                + "outer gradients) over a byte-counting transport, in-process or with HTTP worker processes; "
                + "exports the checkpoint and the sync schedule";
    }

    @Override
    public Class<LmTrainParams> paramsType() {
        return LmTrainParams.class;
    }

    @Override
    public LmTrainResult execute(LmTrainParams p, RunContext ctx) {
        TrainerConfig c = p.toConfig();
        Corpus corpus = Corpus.load(c.corpus(), c.seed());
        RunRecorder recorder = new RunRecorder(ctx, meters.forRun(name(), String.valueOf(ctx.runId())), c, "", 0,
                0.98);
        TrainingOutcome o = "http".equals(p.transport())
                ? DistributedTrainer.train(c, recorder, WorkerSpawner.LOCAL, WORKER_TIMEOUT)
                : InProcessTrainer.train(c, corpus, recorder);
        ctx.checkCancelled();
        var modelConfig = WorkerLoop.modelConfig(c, corpus.vocabSize());
        ParameterLayout layout = ParameterLayout.gpt2(modelConfig);
        ctx.artifact(Gpt2Checkpoint.CONFIG_FILE, "application/json",
                modelConfig.toJson().getBytes(StandardCharsets.UTF_8));
        ctx.artifact(Gpt2Checkpoint.WEIGHTS_FILE, "application/octet-stream",
                Gpt2Checkpoint.toWriter(new NamedTensors(layout, o.finalParams()), DType.F32)
                        .metadata("format", "pt").toBytes());
        ctx.artifact("tokenizer.json", "application/json",
                corpus.tokenizer().toJson().getBytes(StandardCharsets.UTF_8));
        if (!o.syncs().isEmpty()) {
            ctx.artifact("sync-schedule.json", "application/json",
                    ScheduleExport.json(c.workers(), o.syncs()).getBytes(StandardCharsets.UTF_8));
        }
        ctx.artifact("chart.svg", "image/svg+xml", chart(p, c, o));
        ctx.progress(1.0);
        List<Long> perWorker = new ArrayList<>();
        for (long b : o.bytesSent()) {
            perWorker.add(b);
        }
        return new LmTrainResult(c.algorithm().wireName(), c.quantisation().wireName(), p.transport(), c.workers(),
                c.innerSteps(), c.effectiveFragments(), c.effectiveOverlap(), c.alpha(), layout.size(),
                corpus.vocabSize(), c.totalSteps(), o.tokens(), o.finalEvalLoss(), o.trainLoss().getLast(),
                Double.isNaN(corpus.entropyFloor()) ? null : corpus.entropyFloor(), o.totalBytes(), perWorker,
                o.peakSyncBytes(), o.syncs().size(), o.wallSeconds(), o.tokensPerSecond());
    }

    private static byte[] chart(LmTrainParams p, TrainerConfig c, TrainingOutcome o) {
        double[] x = new double[o.trainLoss().size()], y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (double) (i + 1) * c.tokensPerStep();
            y[i] = o.trainLoss().get(i);
        }
        SvgChart loss = SvgChart.line("lm-train " + p.algorithm() + ": loss vs tokens", "tokens", "loss (nats/token)")
                .series("train (mean over workers)", x, y)
                .series("held-out (global model)", Charts.evalTokens(o), Charts.evalLoss(o));
        double[][] bytes = Charts.bytesVsTokens(c, o);
        SvgChart traffic = SvgChart.line("bytes sent by all workers vs tokens", "tokens", "bytes")
                .series(p.algorithm() + " " + c.quantisation().wireName(), bytes[0], bytes[1]);
        return Charts.stack(loss, traffic);
    }
}

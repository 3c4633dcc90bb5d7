package io.mlsyslab.training.runs;

import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.training.trainer.SyncRecord;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingListener;

/**
 * Turns trainer progress into run metrics, progress, cancellation checks and Micrometer meters. Metric series
 * (step = inner step): {@code <prefix>train.loss} (mean over workers), {@code <prefix>eval.loss} (every outer
 * step), {@code <prefix>bytes.worker<r>} (cumulative bytes worker r sent), {@code <prefix>sync.bytes} (bytes
 * rank 0 sent in each synchronisation).
 */
final class RunRecorder implements TrainingListener {
    private final RunContext ctx;
    private final TrainingMeters.RunMeters meters;
    private final TrainerConfig config;
    private final String prefix;
    private final double progressFrom, progressSpan;

    RunRecorder(RunContext ctx, TrainingMeters.RunMeters meters, TrainerConfig config, String prefix,
                double progressFrom, double progressSpan) {
        this.ctx = ctx;
        this.meters = meters;
        this.config = config;
        this.prefix = prefix;
        this.progressFrom = progressFrom;
        this.progressSpan = progressSpan;
    }

    @Override
    public void trainLoss(int step, long tokens, double loss) {
        ctx.metric(prefix + "train.loss", step, loss);
        meters.trainLoss(loss, config.tokensPerStep());
        ctx.progress(progressFrom + progressSpan * step / config.totalSteps());
    }

    @Override
    public void evalLoss(int step, long tokens, double loss) {
        ctx.metric(prefix + "eval.loss", step, loss);
        meters.evalLoss(loss);
    }

    @Override
    public void sync(int rank, SyncRecord record, long cumulativeSent, long cumulativeReceived) {
        ctx.metric(prefix + "bytes.worker" + rank, record.step(), cumulativeSent);
        if (rank == 0) {
            ctx.metric(prefix + "sync.bytes", record.step(), record.bytesSent());
        }
        meters.sync(rank, record.bytesSent(), record.bytesReceived());
    }

    @Override
    public void checkCancelled() {
        ctx.checkCancelled();
    }
}

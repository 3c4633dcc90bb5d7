package io.mlsyslab.training.trainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects what the workers report, aggregates it over workers (mean training loss per step once every worker has
 * reported it), forwards it to a {@link TrainingListener} and builds the {@link TrainingOutcome}. Thread-safe.
 */
public final class TrainingMonitor implements TrainingReporter {
    private final TrainerConfig config;
    private final TrainingListener listener;
    private final float[][] losses;
    private final int[] reported;
    private final double[] meanLoss;
    private final List<TrainingOutcome.EvalPoint> evals = new ArrayList<>();
    private final List<SyncRecord> syncs = new ArrayList<>();
    private final long[] sent, received;
    private long peakSync;
    private float[] finalParams;
    private int finished;

    public TrainingMonitor(TrainerConfig config, TrainingListener listener) {
        this.config = config;
        this.listener = listener;
        this.losses = new float[config.totalSteps()][config.workers()];
        this.reported = new int[config.totalSteps()];
        this.meanLoss = new double[config.totalSteps()];
        this.sent = new long[config.workers()];
        this.received = new long[config.workers()];
    }

    @Override
    public synchronized void innerStep(int rank, int step, float loss) {
        losses[step - 1][rank] = loss;
        if (++reported[step - 1] == config.workers()) {
            double s = 0;
            for (float l : losses[step - 1]) {
                s += l;
            }
            meanLoss[step - 1] = s / config.workers();
            listener.checkCancelled();
            listener.trainLoss(step, step * config.tokensPerStep(), meanLoss[step - 1]);
        }
    }

    @Override
    public synchronized void sync(int rank, SyncRecord record) {
        sent[rank] += record.bytesSent();
        received[rank] += record.bytesReceived();
        peakSync = Math.max(peakSync, record.bytesSent());
        if (rank == 0) {
            syncs.add(record);
        }
        listener.sync(rank, record, sent[rank], received[rank]);
    }

    @Override
    public synchronized void eval(int step, double loss) {
        long tokens = step * config.tokensPerStep();
        evals.add(new TrainingOutcome.EvalPoint(step, tokens, loss));
        listener.evalLoss(step, tokens, loss);
    }

    @Override
    public synchronized void finished(int rank, float[] globalParams) {
        finished++;
        if (rank == 0) {
            finalParams = globalParams;
        }
    }

    /** Whether every worker reported {@link #finished}. */
    public synchronized boolean complete() {
        return finished == config.workers() && finalParams != null;
    }

    /** The outcome; call after every worker finished. */
    public synchronized TrainingOutcome outcome(double wallSeconds) {
        if (!complete()) {
            throw new IllegalStateException("training: " + finished + " of " + config.workers()
                    + " workers finished");
        }
        List<Double> train = new ArrayList<>();
        for (double l : meanLoss) {
            train.add(l);
        }
        List<SyncRecord> ordered = new ArrayList<>(syncs);
        ordered.sort(Comparator.comparingInt(SyncRecord::step).thenComparingInt(SyncRecord::fragment));
        return new TrainingOutcome(train, List.copyOf(evals), ordered, sent.clone(), received.clone(), peakSync,
                finalParams, config.totalSteps() * config.tokensPerStep(), wallSeconds);
    }
}

package io.mlsyslab.training.trainer;

import java.util.List;

/**
 * Everything a finished run measured.
 *
 * @param trainLoss       mean over workers of the training loss, per inner step (index 0 = step 1)
 * @param evals           held-out loss of the global parameters every H steps
 * @param syncs           rank 0's synchronisations, in issue order
 * @param bytesSent       bytes each worker sent, counted at the transport
 * @param bytesReceived   bytes each worker received
 * @param peakSyncBytes   the most bytes one worker sent in one synchronisation
 * @param finalParams     the final global parameters (flat GPT-2 layout)
 * @param tokens          tokens processed by all workers
 * @param wallSeconds     wall time of the training (workers started to all finished)
 */
public record TrainingOutcome(List<Double> trainLoss, List<EvalPoint> evals, List<SyncRecord> syncs,
                              long[] bytesSent, long[] bytesReceived, long peakSyncBytes, float[] finalParams,
                              long tokens, double wallSeconds) {

    /** One evaluation. */
    public record EvalPoint(int step, long tokens, double loss) {
    }

    public double finalEvalLoss() {
        return evals.getLast().loss();
    }

    /** Bytes sent by all workers. */
    public long totalBytes() {
        long s = 0;
        for (long b : bytesSent) {
            s += b;
        }
        return s;
    }

    public double tokensPerSecond() {
        return wallSeconds > 0 ? tokens / wallSeconds : 0;
    }
}

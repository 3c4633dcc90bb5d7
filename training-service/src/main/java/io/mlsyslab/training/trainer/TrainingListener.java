package io.mlsyslab.training.trainer;

/** Progress of a whole run (all workers), as aggregated by {@link TrainingMonitor}. Called from worker threads. */
public interface TrainingListener {
    /** Mean training loss over workers of inner step {@code step}; {@code tokens} processed so far by all. */
    default void trainLoss(int step, long tokens, double loss) {
    }

    /** Held-out loss of the global parameters after {@code step}. */
    default void evalLoss(int step, long tokens, double loss) {
    }

    /** A worker finished a synchronisation; {@code cumulativeSent} is that worker's total so far. */
    default void sync(int rank, SyncRecord record, long cumulativeSent, long cumulativeReceived) {
    }

    /** Throws to stop the run (e.g. {@code RunCancelledException}); polled once per aggregated step. */
    default void checkCancelled() {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}

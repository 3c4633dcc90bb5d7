package io.mlsyslab.training.trainer;

/**
 * Where a worker reports progress: in-process straight to the {@link TrainingMonitor}, in worker processes to the
 * coordinator over HTTP. Implementations may throw to stop the worker (cancellation, lost coordinator).
 */
public interface TrainingReporter {
    /** Worker {@code rank}'s training loss of inner step {@code step} (1-based). */
    void innerStep(int rank, int step, float loss);

    /** A synchronisation finished on worker {@code rank}. */
    void sync(int rank, SyncRecord record);

    /** Held-out loss of the global (outer) parameters after inner step {@code step}; sent by rank 0 only. */
    void eval(int step, double loss);

    /** Worker {@code rank} finished; rank 0 passes the final global parameters, the others {@code null}. */
    void finished(int rank, float[] globalParams);
}

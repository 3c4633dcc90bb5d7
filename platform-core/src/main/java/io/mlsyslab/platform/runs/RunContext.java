package io.mlsyslab.platform.runs;

import java.util.UUID;

/** What a running {@link RunKind} may do besides computing: report progress, metrics and artifacts, see cancellation. */
public interface RunContext {

    UUID runId();

    /** Fraction done in [0, 1]; values outside are clamped. Cheap to call often (writes are coalesced). */
    void progress(double fraction);

    /** One point of a metric series; buffered and inserted in batches. */
    void metric(String name, long step, double value);

    /** Stores a named artifact; replaces one of the same name. Size is limited by {@code mlsyslab.runs.max-artifact-bytes}. */
    void artifact(String name, String contentType, byte[] bytes);

    /** Throws {@link RunCancelledException} if the run was cancelled or the replica is shutting down. */
    void checkCancelled();

    boolean isCancelled();
}

package io.mlsyslab.platform.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@link RunContext} of one execution attempt; progress and metrics are buffered for the heartbeat to write. */
final class ExecutingRun implements RunContext {

    /** Why a run stops before it ends by itself. */
    enum StopReason { CANCELLED, SHUTDOWN, LOST }

    private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final UUID id;
    private final String kind;
    private final RunRepository repository;
    private final long maxArtifactBytes;
    private final Instant started = Instant.now();
    private final List<RunRepository.MetricPoint> pendingMetrics = new ArrayList<>();
    private volatile double progress;
    private volatile StopReason stopReason;
    private volatile Thread worker;

    ExecutingRun(UUID id, String kind, RunRepository repository, long maxArtifactBytes) {
        this.id = id;
        this.kind = kind;
        this.repository = repository;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    @Override
    public UUID runId() {
        return id;
    }

    String kind() {
        return kind;
    }

    Instant started() {
        return started;
    }

    @Override
    public void progress(double fraction) {
        progress = Double.isNaN(fraction) ? progress : Math.clamp(fraction, 0.0, 1.0);
    }

    double currentProgress() {
        return progress;
    }

    @Override
    public void metric(String name, long step, double value) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException("metric name: must be 1 to 128 characters");
        }
        synchronized (pendingMetrics) {
            pendingMetrics.add(new RunRepository.MetricPoint(name, step, value, Instant.now()));
        }
    }

    /** Writes buffered metric points; called by the heartbeat and once more when the run ends. */
    void flushMetrics() {
        List<RunRepository.MetricPoint> batch;
        synchronized (pendingMetrics) {
            if (pendingMetrics.isEmpty()) {
                return;
            }
            batch = List.copyOf(pendingMetrics);
            pendingMetrics.clear();
        }
        repository.insertMetrics(id, batch);
    }

    @Override
    public void artifact(String name, String contentType, byte[] bytes) {
        if (name == null || !ARTIFACT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("artifact name: letters, digits, '.', '_' and '-' only, at most 128");
        }
        if (bytes.length > maxArtifactBytes) {
            throw new IllegalArgumentException("artifact " + name + ": " + bytes.length + " bytes exceeds the limit of "
                    + maxArtifactBytes);
        }
        repository.putArtifact(id, name, contentType, bytes);
    }

    @Override
    public void checkCancelled() {
        StopReason reason = stopReason;
        if (reason != null) {
            throw new RunCancelledException(switch (reason) {
                case CANCELLED -> "run cancelled";
                case SHUTDOWN -> "replica shutting down; run handed back to the queue";
                case LOST -> "run was taken away from this replica";
            });
        }
    }

    @Override
    public boolean isCancelled() {
        return stopReason != null;
    }

    void stop(StopReason reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    StopReason stopReason() {
        return stopReason;
    }

    void attach(Thread thread) {
        worker = thread;
    }

    void interrupt() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }
}

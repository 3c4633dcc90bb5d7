package io.mlsyslab.platform.test;

import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.runs.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link RunContext} for unit tests of run kinds: records progress, metric values and artifacts, and can cancel
 * the run at its n-th cancellation check.
 */
public final class RecordingRunContext implements RunContext {

    public final List<Double> progress = new ArrayList<>();
    public final Map<String, List<Double>> metrics = new LinkedHashMap<>();
    public final Map<String, byte[]> artifacts = new LinkedHashMap<>();
    private final UUID id = UUID.randomUUID();
    private final int cancelAfter;
    private int checks;

    /** Never cancels. */
    public RecordingRunContext() {
        this(-1);
    }

    /** Cancels once more than {@code cancelAfter} checks were made; a negative value never cancels. */
    public RecordingRunContext(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    public double lastProgress() {
        return progress.isEmpty() ? 0 : progress.getLast();
    }

    @Override
    public UUID runId() {
        return id;
    }

    @Override
    public void progress(double fraction) {
        progress.add(fraction);
    }

    @Override
    public void metric(String name, long step, double value) {
        metrics.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public void artifact(String name, String contentType, byte[] bytes) {
        artifacts.put(name, bytes);
    }

    @Override
    public void checkCancelled() {
        if (cancelAfter >= 0 && ++checks > cancelAfter) {
            throw new RunCancelledException("cancelled");
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelAfter >= 0 && checks >= cancelAfter;
    }
}

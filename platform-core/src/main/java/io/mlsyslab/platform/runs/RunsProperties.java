package io.mlsyslab.platform.runs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the runs core, under {@code mlsyslab.runs}.
 *
 * @param maxConcurrent runs executed at once by this replica
 * @param pollInterval how often an idle replica looks for queued runs
 * @param heartbeatInterval how often a running run's heartbeat, progress and buffered metrics are written
 * @param staleAfter a RUNNING run whose heartbeat is older than this is taken to be orphaned and re-queued
 * @param maxAttempts an orphaned run that already started this many times fails instead of being re-queued
 * @param maxArtifactBytes largest artifact a run may store
 * @param shutdownGrace how long shutdown waits for running kinds to notice it before handing their runs back
 * @param defaultPageSize page size of {@code GET runs} when none is asked for
 * @param maxPageSize largest page size a client may ask for
 * @param eventsPollInterval how often an SSE event stream looks for changes of its run
 * @param maxEventStreams SSE streams open at once on this replica; more are answered 503
 */
@ConfigurationProperties("mlsyslab.runs")
public record RunsProperties(
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2s") Duration heartbeatInterval,
        @DefaultValue("15s") Duration staleAfter,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("8388608") long maxArtifactBytes,
        @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("500ms") Duration eventsPollInterval,
        @DefaultValue("256") int maxEventStreams) {

    public RunsProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("mlsyslab.runs.max-concurrent: must be >= 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("mlsyslab.runs.max-attempts: must be >= 1");
        }
        if (staleAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("mlsyslab.runs.stale-after: must be at least twice heartbeat-interval");
        }
    }
}

package io.mlsyslab.platform.runs.api;

import io.mlsyslab.contract.Run;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.RunService;
import io.mlsyslab.platform.runs.RunsProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * SSE streams of runs. Each stream polls its run (whichever replica executes it) and sends a {@code run} event when
 * status, progress or attempt changes, a comment line as keep-alive, and completes after the terminal event.
 */
public class RunEventStreams {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long STREAM_TIMEOUT_MS = Duration.ofHours(2).toMillis();

    private final RunService runs;
    private final RunsProperties properties;

    public RunEventStreams(RunService runs, RunsProperties properties) {
        this.runs = runs;
        this.properties = properties;
        this.streams = new java.util.concurrent.Semaphore(properties.maxEventStreams());
    }

    /** At most this many streams poll the database at once, so they cannot crowd out heartbeats and claims. */
    private final java.util.concurrent.Semaphore streams;

    public SseEmitter open(Run first) {
        if (!streams.tryAcquire()) {
            throw new ProblemException(503, "Service unavailable", "too many open event streams on this replica ("
                    + properties.maxEventStreams() + "); poll GET runs/{id} instead or retry later", java.util.Map.of());
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Thread.ofVirtual().name("run-events-" + first.id()).start(() -> {
            try {
                stream(first, emitter);
            } finally {
                streams.release();
            }
        });
        return emitter;
    }

    private void stream(Run first, SseEmitter emitter) {
        Run last = null;
        Run current = first;
        long sequence = 0;
        long lastSent = System.nanoTime();
        try {
            while (true) {
                if (last == null || changed(last, current)) {
                    emitter.send(SseEmitter.event().name("run").id(Long.toString(++sequence))
                            .data(current, MediaType.APPLICATION_JSON));
                    last = current;
                    lastSent = System.nanoTime();
                    if (current.status().terminal()) {
                        emitter.complete();
                        return;
                    }
                } else if (System.nanoTime() - lastSent > KEEP_ALIVE.toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastSent = System.nanoTime();
                }
                Thread.sleep(properties.eventsPollInterval());
                current = runs.get(first.id());
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to clean up beyond ending this loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            emitter.completeWithError(e);
        }
    }

    private static boolean changed(Run before, Run now) {
        return before.status() != now.status() || before.progress() != now.progress()
                || before.attempt() != now.attempt() || !Objects.equals(before.finishedAt(), now.finishedAt());
    }
}

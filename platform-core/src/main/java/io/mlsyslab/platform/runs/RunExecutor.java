package io.mlsyslab.platform.runs;

import io.mlsyslab.contract.RunStatus;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes queued runs on this replica. Replicas share the queue through PostgreSQL: a claim takes the oldest
 * QUEUED row with {@code FOR UPDATE SKIP LOCKED}, a heartbeat marks the rows this replica holds as alive, and every
 * replica re-queues RUNNING rows whose heartbeat went stale (at start-up and periodically), so a crashed replica's
 * runs are picked up again. On shutdown, running kinds are told to stop and their runs are handed back to the queue.
 *
 * <p>Kinds are CPU-bound, so they run on platform threads: on virtual threads they would hold the carrier threads
 * that also serve HTTP requests and health checks.
 */
public class RunExecutor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final RunRepository repository;
    private final RunKindRegistry kinds;
    private final RunsProperties properties;
    private final RunMetrics metrics;
    private final JsonMapper json;
    private final String owner;
    private final Semaphore slots;
    private final Map<UUID, ExecutingRun> executing = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private volatile boolean running;
    private Thread claimLoop;
    private ScheduledExecutorService heartbeats;

    public RunExecutor(RunRepository repository, RunKindRegistry kinds, RunsProperties properties, RunMetrics metrics,
            JsonMapper json) {
        this.repository = repository;
        this.kinds = kinds;
        this.properties = properties;
        this.metrics = metrics;
        this.json = json;
        this.owner = ownerId();
        this.slots = new Semaphore(properties.maxConcurrent());
    }

    /** Identifies this replica's claims: host, process and a random suffix so a restarted process is a new owner. */
    private static String ownerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String owner() {
        return owner;
    }

    @Override
    public void start() {
        recoverStale();
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("run-heartbeat").daemon()
                .factory());
        long beat = properties.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        long sweep = Math.max(1000, properties.staleAfter().toMillis() / 2);
        heartbeats.scheduleWithFixedDelay(this::recoverStale, sweep, sweep, TimeUnit.MILLISECONDS);
        claimLoop = Thread.ofPlatform().name("run-claimer").daemon().start(this::claimLoop);
        log.info("run executor {} started: kinds {}, {} concurrent", owner, kinds.names(), properties.maxConcurrent());
    }

    /** Makes an idle claim loop look at the queue now rather than at its next poll. */
    public void wakeUp() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Fast path for a cancel that reaches the replica running the run; others see it at their next heartbeat. */
    void cancelLocally(UUID id) {
        ExecutingRun run = executing.get(id);
        if (run != null) {
            run.stop(ExecutingRun.StopReason.CANCELLED);
        }
    }

    private void claimLoop() {
        while (running) {
            boolean slotHeld = false;
            try {
                if (!slots.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                slotHeld = true;
                Optional<RunRepository.Claimed> claimed = running ? repository.claimNext(owner) : Optional.empty();
                if (claimed.isPresent()) {
                    slotHeld = false; // the worker owns the slot now and releases it when the run ends
                    launch(claimed.get());
                } else {
                    slots.release();
                    slotHeld = false;
                    metrics.queueDepth(0);
                    synchronized (signal) {
                        signal.wait(properties.pollInterval().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be briefly unreachable; keep polling rather than stop executing for good
                log.warn("claiming a run failed: {}", e.toString());
                if (slotHeld) {
                    slots.release();
                }
                sleepQuietly(properties.pollInterval());
            }
        }
    }

    private void launch(RunRepository.Claimed claimed) {
        ExecutingRun run = new ExecutingRun(claimed.id(), claimed.kind(), repository, properties.maxArtifactBytes());
        if (!running) {
            // shutdown began while this claim was in flight: hand the run straight back
            handBack(claimed.id());
            slots.release();
            return;
        }
        executing.put(claimed.id(), run);
        metrics.started();
        Thread worker = Thread.ofPlatform().name("run-" + claimed.kind() + "-" + claimed.id()).unstarted(() -> {
            try {
                execute(claimed, run);
            } finally {
                executing.remove(claimed.id());
                slots.release();
                wakeUp();
            }
        });
        run.attach(worker);
        try {
            worker.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            executing.remove(claimed.id());
            metrics.handedBack();
            handBack(claimed.id());
            slots.release();
            log.error("could not start a worker for run {}; handed back to the queue", claimed.id(), e);
        }
    }

    private void handBack(UUID id) {
        try {
            repository.requeue(id, owner);
        } catch (RuntimeException e) {
            // the heartbeat stops, so the stale-run sweep of any replica re-queues it later
            log.warn("could not hand run {} back: {}", id, e.toString());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void execute(RunRepository.Claimed claimed, ExecutingRun run) {
        log.info("run {} ({}) started, attempt {}", claimed.id(), claimed.kind(), claimed.attempt());
        RunStatus status;
        JsonNode result = null;
        JsonNode error = null;
        try {
            RunKind kind = kinds.find(claimed.kind()).orElseThrow(() -> new IllegalStateException(
                    "this replica has no run kind '" + claimed.kind() + "'"));
            Record params = kinds.bind(kind, claimed.params());
            Object value = kind.execute(params, run);
            run.checkCancelled();
            result = json.valueToTree(value);
            run.artifact("result.json", "application/json",
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(result).getBytes(StandardCharsets.UTF_8));
            status = RunStatus.SUCCEEDED;
        } catch (RunCancelledException e) {
            status = RunStatus.CANCELLED;
            error = error("Cancelled", e.getMessage());
        } catch (Throwable e) {
            if (run.stopReason() != null) {
                status = RunStatus.CANCELLED;
                error = error("Cancelled", "run stopped: " + e);
            } else {
                log.warn("run {} ({}) failed", claimed.id(), claimed.kind(), e);
                status = RunStatus.FAILED;
                error = RunFailure.describe(e, json);
            }
        }
        finish(claimed, run, status, result, error);
    }

    private void finish(RunRepository.Claimed claimed, ExecutingRun run, RunStatus status, JsonNode result,
            JsonNode error) {
        Duration took = Duration.between(run.started(), Instant.now());
        try {
            run.flushMetrics();
            ExecutingRun.StopReason reason = run.stopReason();
            if (status == RunStatus.CANCELLED && reason == ExecutingRun.StopReason.SHUTDOWN) {
                repository.requeue(claimed.id(), owner);
                metrics.handedBack();
                log.info("run {} handed back to the queue for another replica", claimed.id());
                return;
            }
            if (status == RunStatus.CANCELLED && reason == ExecutingRun.StopReason.LOST) {
                metrics.handedBack();
                return;
            }
            if (!repository.finish(claimed.id(), owner, status, result, error)) {
                log.warn("run {} ended as {} but this replica no longer holds it", claimed.id(), status);
            }
            metrics.finished(claimed.kind(), status, took);
            log.info("run {} ({}) {} in {} ms", claimed.id(), claimed.kind(), status, took.toMillis());
        } catch (RuntimeException e) {
            // the row stays RUNNING with a heartbeat that will go stale, so another sweep re-queues it
            log.error("could not record the end of run {}", claimed.id(), e);
            metrics.handedBack();
        }
    }

    private ObjectNode error(String type, String message) {
        ObjectNode node = json.createObjectNode();
        node.put("type", type);
        node.put("message", message);
        return node;
    }

    private void heartbeat() {
        for (ExecutingRun run : executing.values()) {
            try {
                run.flushMetrics();
                Optional<Boolean> cancel = repository.heartbeat(run.runId(), owner, run.currentProgress());
                if (cancel.isEmpty()) {
                    run.stop(ExecutingRun.StopReason.LOST);
                } else if (cancel.get()) {
                    run.stop(ExecutingRun.StopReason.CANCELLED);
                }
            } catch (RuntimeException e) {
                log.warn("heartbeat of run {} failed: {}", run.runId(), e.toString());
            }
        }
    }

    private void recoverStale() {
        try {
            int[] counts = repository.recoverStale(properties.staleAfter(), properties.maxAttempts());
            if (counts[0] + counts[1] > 0) {
                log.info("re-queued {} orphaned run(s), failed {} that exhausted their attempts", counts[0], counts[1]);
                wakeUp();
            }
            metrics.queueDepth(repository.countQueued());
        } catch (RuntimeException e) {
            log.warn("stale-run sweep failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (claimLoop != null) {
            claimLoop.interrupt();
            try {
                // a claim in flight either launches before we signal the runs below or is handed straight back
                claimLoop.join(properties.shutdownGrace().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executing.values().forEach(run -> run.stop(ExecutingRun.StopReason.SHUTDOWN));
        long deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
        while (!executing.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(50));
        }
        for (ExecutingRun run : executing.values()) {
            // the kind did not notice in time: hand the run back ourselves, then stop its thread
            handBack(run.runId());
            run.interrupt();
            log.warn("run {} did not stop within {}; handed back to the queue", run.runId(), properties.shutdownGrace());
        }
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        log.info("run executor {} stopped", owner);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server's graceful shutdown so runs are handed back while the database is still there
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Visible for the management view of this replica. */
    public int executingCount() {
        return executing.size();
    }
}

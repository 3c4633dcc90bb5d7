package io.mlsyslab.lab.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One child under supervision: its state machine. Two locks with two jobs: {@code lifecycle} serialises the slow
 * actions (start, stop: a PostgreSQL start can take seconds), so a planned stop waits for an in-flight restart and
 * then stops what it started; the monitor ({@code synchronized}) guards the fields and is held only briefly, so
 * status reads and exit notifications never wait on a start.
 */
final class Supervision {

    private final SupervisedChild child;
    private final RestartPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Consumer<SupervisionEvent> events;
    /** False once the whole supervisor shuts down: exits seen then are part of the shutdown, never restarted. */
    private final BooleanSupplier supervising;
    private final ReentrantLock lifecycle = new ReentrantLock();

    private ChildState state = ChildState.STOPPED;
    private Incarnation current;
    private Instant since;
    private int restarts;
    private OptionalInt lastExitCode = OptionalInt.empty();
    private int crashesInARow;
    private final Deque<Instant> recentRestarts = new ArrayDeque<>();
    private ScheduledFuture<?> pendingRestart;

    Supervision(SupervisedChild child, RestartPolicy policy, Clock clock, ScheduledExecutorService timers,
            Consumer<SupervisionEvent> events, BooleanSupplier supervising) {
        this.child = child;
        this.policy = policy;
        this.clock = clock;
        this.timers = timers;
        this.events = events;
        this.supervising = supervising;
        this.since = clock.instant();
    }

    String name() {
        return child.name();
    }

    synchronized ChildStatus status() {
        return new ChildStatus(child.name(), state, current == null ? -1 : current.pid(), restarts, lastExitCode,
                since);
    }

    /** A start asked for (the first, or after a planned stop): its failure goes to the caller, not to a restart. */
    void start() throws Exception {
        lifecycle.lock();
        try {
            synchronized (this) {
                if (state == ChildState.RUNNING) {
                    throw new IllegalStateException(child.name() + " is already running");
                }
                cancelPendingRestart();
                // a start by hand ends a crash loop: the child gets the policy's full budget again
                recentRestarts.clear();
                crashesInARow = 0;
            }
            Incarnation incarnation = child.start();
            running(incarnation);
            events.accept(new SupervisionEvent.Started(child.name(), incarnation.pid()));
        } finally {
            lifecycle.unlock();
        }
    }

    /** A planned stop: the exit it causes is no crash. */
    void stop() {
        lifecycle.lock();
        try {
            Incarnation stopping;
            synchronized (this) {
                if (state == ChildState.STOPPED) {
                    return;
                }
                cancelPendingRestart();
                state = ChildState.STOPPED;
                since = clock.instant();
                stopping = current;
            }
            child.stop();
            if (stopping != null) {
                // the exit notice may come after stop() returns: take the exit code now, so a stopped child never
                // shows the pid it had
                OptionalInt code = exitCodeOf(stopping);
                synchronized (this) {
                    if (current == stopping) {
                        current = null;
                        lastExitCode = code;
                    }
                }
            }
            events.accept(new SupervisionEvent.Stopped(child.name()));
        } finally {
            lifecycle.unlock();
        }
    }

    private static OptionalInt exitCodeOf(Incarnation gone) {
        try {
            return gone.exit().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return OptionalInt.empty();
        }
    }

    private synchronized void running(Incarnation incarnation) {
        current = incarnation;
        state = ChildState.RUNNING;
        since = clock.instant();
        // registered last: an incarnation that is already gone calls back at once and must find itself current
        incarnation.exit().whenComplete((code, error) ->
                exited(incarnation, code == null ? OptionalInt.empty() : code));
    }

    private void exited(Incarnation incarnation, OptionalInt exitCode) {
        SupervisionEvent event;
        synchronized (this) {
            if (incarnation != current) {
                return; // an older incarnation's late notice
            }
            current = null;
            lastExitCode = exitCode;
            if (state != ChildState.RUNNING) {
                return; // a planned stop ended it; no crash
            }
            if (!supervising.getAsBoolean()) {
                state = ChildState.STOPPED; // the lab is stopping (Ctrl-C reaches the children too); no crash
                since = clock.instant();
                return;
            }
            Duration uptime = Duration.between(since, clock.instant());
            if (uptime.compareTo(policy.healthyAfter()) >= 0) {
                crashesInARow = 0;
            }
            event = crashed("exited unexpectedly after " + uptime.toSeconds() + " s up", exitCode);
        }
        events.accept(event);
    }

    /** Schedules the next restart or, past the crash-loop limit, gives up; called with the monitor held. */
    private SupervisionEvent crashed(String reason, OptionalInt exitCode) {
        Instant now = clock.instant();
        while (!recentRestarts.isEmpty() && recentRestarts.peekFirst().isBefore(now.minus(policy.window()))) {
            recentRestarts.removeFirst();
        }
        since = now;
        if (recentRestarts.size() >= policy.maxRestarts()) {
            state = ChildState.FAILED;
            return new SupervisionEvent.GaveUp(child.name(), reason, exitCode, recentRestarts.size(),
                    policy.window());
        }
        crashesInARow++;
        Duration delay = policy.backoff(crashesInARow);
        state = ChildState.RESTARTING;
        pendingRestart = timers.schedule(() -> Thread.ofVirtual().name("restart-" + child.name())
                .start(this::restart), delay.toMillis(), TimeUnit.MILLISECONDS);
        return new SupervisionEvent.Crashed(child.name(), reason, exitCode, restarts + 1, delay);
    }

    private void restart() {
        lifecycle.lock();
        try {
            int attempt;
            synchronized (this) {
                pendingRestart = null;
                if (state != ChildState.RESTARTING || !supervising.getAsBoolean()) {
                    return; // stopped (or started by hand) while it waited
                }
                restarts++;
                recentRestarts.addLast(clock.instant());
                attempt = restarts;
            }
            Incarnation incarnation;
            try {
                incarnation = child.start();
            } catch (Exception e) {
                SupervisionEvent event;
                synchronized (this) {
                    event = crashed("failed to start: " + e.getMessage(), OptionalInt.empty());
                }
                events.accept(event);
                return;
            }
            running(incarnation);
            events.accept(new SupervisionEvent.Restarted(child.name(), incarnation.pid(), attempt));
        } finally {
            lifecycle.unlock();
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }
}

package io.mlsyslab.lab.supervisor;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Keeps the lab's children running, like a process supervisor: a child that exits when nobody asked it to is started
 * again after a growing backoff, until it crashes too often within the {@link RestartPolicy}'s window and is given
 * up on (FAILED) while the others run on. Plain Java, so it is tested with real short-lived processes.
 */
public final class Supervisor implements AutoCloseable {

    private final RestartPolicy policy;
    private final Clock clock;
    private final Consumer<SupervisionEvent> events;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("supervisor-timer").daemon().factory());
    private final Map<String, Supervision> children = new LinkedHashMap<>();
    private volatile boolean supervising = true;

    public Supervisor(RestartPolicy policy, Clock clock, Consumer<SupervisionEvent> events) {
        this.policy = policy;
        this.clock = clock;
        this.events = events;
    }

    /** Starts the child and keeps it running from now on; a failing first start is the caller's to handle. */
    public void supervise(SupervisedChild child) throws Exception {
        Supervision supervision;
        synchronized (children) {
            if (children.containsKey(child.name())) {
                throw new IllegalArgumentException(child.name() + " is supervised already");
            }
            supervision = new Supervision(child, policy, clock, timers, events, () -> supervising);
            children.put(child.name(), supervision);
        }
        supervision.start();
    }

    /** Starts a child again that was stopped on purpose (or given up on); a failing start is the caller's. */
    public void start(String name) throws Exception {
        supervision(name).start();
    }

    /** A planned stop of one child: it is not restarted. */
    public void stop(String name) {
        supervision(name).stop();
    }

    /**
     * The lab is stopping: from now on no exit counts as a crash. Called before the children are stopped one by one,
     * since Ctrl-C reaches them at the same moment it reaches the launcher.
     */
    public void shutdown() {
        supervising = false;
    }

    public boolean supervises(String name) {
        synchronized (children) {
            return children.containsKey(name);
        }
    }

    public ChildStatus status(String name) {
        return supervision(name).status();
    }

    /** Every child's status, in the order they were first supervised. */
    public List<ChildStatus> statuses() {
        List<Supervision> all;
        synchronized (children) {
            all = new ArrayList<>(children.values());
        }
        return all.stream().map(Supervision::status).toList();
    }

    private Supervision supervision(String name) {
        synchronized (children) {
            Supervision supervision = children.get(name);
            if (supervision == null) {
                throw new IllegalArgumentException("no child named " + name + "; children: " + children.keySet());
            }
            return supervision;
        }
    }

    /** Ends the supervisor's timers (pending restarts are dropped); the children themselves are left as they are. */
    @Override
    public void close() {
        supervising = false;
        timers.shutdownNow();
    }
}

package io.mlsyslab.platform.runs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlsyslab.contract.RunStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Micrometer meters of the runs core: runs by kind and status, run durations, queue depth, runs in flight. */
public class RunMetrics {

    private final MeterRegistry registry;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("runs.queue.depth", queueDepth, AtomicLong::get)
                .description("Runs waiting in this service's queue (all replicas)")
                .register(registry);
        Gauge.builder("runs.active", active, AtomicInteger::get)
                .description("Runs executing on this replica")
                .register(registry);
    }

    void submitted(String kind) {
        Counter.builder("runs.submitted").description("Runs created").tag("kind", kind).register(registry).increment();
    }

    void started() {
        active.incrementAndGet();
    }

    void finished(String kind, RunStatus status, Duration took) {
        active.decrementAndGet();
        Counter.builder("runs.finished").description("Runs that ended, by final status")
                .tag("kind", kind).tag("status", status.name()).register(registry).increment();
        Timer.builder("runs.duration").description("Wall time of one execution attempt")
                .tag("kind", kind).tag("status", status.name()).register(registry).record(took);
    }

    void handedBack() {
        active.decrementAndGet();
    }

    void queueDepth(long depth) {
        queueDepth.set(depth);
    }
}

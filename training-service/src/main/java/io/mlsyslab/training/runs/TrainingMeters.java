package io.mlsyslab.training.runs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of training: counters {@code training.tokens} (rate = tokens/s), {@code training.bytes.sent}
 * and {@code training.bytes.received} (bytes counted at the transport, all workers), {@code training.syncs}
 * (synchronisations), {@code training.outer.steps} (evaluated outer steps), all tagged {@code kind}; and gauges
 * {@code training.loss.train} / {@code training.loss.eval} tagged {@code run} (the run id), kept for the last
 * {@value #KEPT_RUNS} runs.
 */
@Component
public class TrainingMeters {
    static final int KEPT_RUNS = 16;
    private final MeterRegistry registry;
    private final Deque<List<Gauge>> runGauges = new ArrayDeque<>();

    public TrainingMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters of one run. */
    public final class RunMeters {
        final Counter tokens, sent, received, syncs, outerSteps;
        final AtomicLong trainLossBits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
        final AtomicLong evalLossBits = new AtomicLong(Double.doubleToLongBits(Double.NaN));

        RunMeters(String kind, String runId) {
            tokens = Counter.builder("training.tokens").baseUnit("tokens").tag("kind", kind)
                    .description("tokens processed by all workers").register(registry);
            sent = Counter.builder("training.bytes.sent").baseUnit("bytes").tag("kind", kind)
                    .description("synchronisation bytes sent, counted at the transport").register(registry);
            received = Counter.builder("training.bytes.received").baseUnit("bytes").tag("kind", kind)
                    .description("synchronisation bytes received, counted at the transport").register(registry);
            syncs = Counter.builder("training.syncs").tag("kind", kind).description("synchronisations")
                    .register(registry);
            outerSteps = Counter.builder("training.outer.steps").tag("kind", kind)
                    .description("outer steps (evaluations of the global model)").register(registry);
            List<Gauge> gauges = new ArrayList<>();
            gauges.add(Gauge.builder("training.loss.train", trainLossBits, b -> Double.longBitsToDouble(b.get()))
                    .tag("run", runId).description("latest mean training loss").register(registry));
            gauges.add(Gauge.builder("training.loss.eval", evalLossBits, b -> Double.longBitsToDouble(b.get()))
                    .tag("run", runId).description("latest held-out loss").register(registry));
            synchronized (runGauges) {
                runGauges.addLast(gauges);
                while (runGauges.size() > KEPT_RUNS) {
                    for (Gauge g : runGauges.removeFirst()) {
                        registry.remove(g);
                    }
                }
            }
        }

        void trainLoss(double loss, long tokensInStep) {
            tokens.increment(tokensInStep);
            trainLossBits.set(Double.doubleToLongBits(loss));
        }

        void evalLoss(double loss) {
            outerSteps.increment();
            evalLossBits.set(Double.doubleToLongBits(loss));
        }

        void sync(int rank, long bytesSent, long bytesReceived) {
            sent.increment(bytesSent);
            received.increment(bytesReceived);
            if (rank == 0) {
                syncs.increment();
            }
        }
    }

    /** Registers the meters of a run. */
    public RunMeters forRun(String kind, String runId) {
        return new RunMeters(kind, runId);
    }
}

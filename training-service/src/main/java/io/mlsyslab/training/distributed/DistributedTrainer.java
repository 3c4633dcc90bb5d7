package io.mlsyslab.training.distributed;

import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingListener;
import io.mlsyslab.training.trainer.TrainingMonitor;
import io.mlsyslab.training.trainer.TrainingOutcome;
import io.mlsyslab.training.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a job with the workers as separate processes: starts an {@link HttpCoordinator} on the loopback interface,
 * spawns the workers, and waits until every worker has finished or the run has failed. Failure (see
 * {@link HttpCoordinator}): a worker error, a worker silent for {@code workerTimeout}, a worker process that exits
 * before finishing, or workers that have not all joined within {@code workerTimeout} after start-up; the other
 * workers are told (410) and the processes destroyed. Cancellation through the listener works the same way.
 */
public final class DistributedTrainer {
    private DistributedTrainer() {
    }

    public static TrainingOutcome train(TrainerConfig config, TrainingListener listener, WorkerSpawner spawner,
                                        Duration workerTimeout) {
        TrainingMonitor monitor = new TrainingMonitor(config, listener);
        List<Process> processes = List.of();
        HttpCoordinator coordinator = new HttpCoordinator(config, monitor, workerTimeout);
        try {
            String url = coordinator.start("127.0.0.1");
            long t0 = System.nanoTime();
            processes = spawner.spawn(config.workers(), url);
            long joinDeadline = t0 + workerTimeout.toNanos() + Duration.ofSeconds(30).toNanos();
            while (!monitor.complete()) {
                if (coordinator.failure() != null) {
                    break;
                }
                try {
                    listener.checkCancelled();
                } catch (RuntimeException e) {
                    coordinator.fail("cancelled", e);
                    break;
                }
                coordinator.checkLiveness();
                for (int r = 0; r < processes.size(); r++) {
                    Process p = processes.get(r);
                    if (!p.isAlive() && !allFinished(coordinator, config.workers())) {
                        // ranks are assigned in join order, not process order, so name the process
                        if (p.exitValue() != 0 || coordinator.joined() < config.workers()) {
                            coordinator.fail("worker process " + r + " (pid " + p.pid() + ") exited with code "
                                    + p.exitValue() + " before the run finished", null);
                        }
                    }
                }
                if (coordinator.joined() < config.workers() && System.nanoTime() > joinDeadline) {
                    coordinator.fail("only " + coordinator.joined() + " of " + config.workers()
                            + " workers joined", null);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    coordinator.fail("interrupted", null);
                    break;
                }
            }
            if (coordinator.failure() != null) {
                RuntimeException cause = coordinator.failureCause();
                if (cause != null) {
                    throw cause;
                }
                throw new TransportException("distributed run failed: " + coordinator.failure());
            }
            return monitor.outcome((System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("coordinator: " + e.getMessage(), e);
        } finally {
            // the coordinator stays up while workers wind down, so they get the 410 instead of retrying
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (Process p : processes) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!p.waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                        p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            coordinator.close();
        }
    }

    private static boolean allFinished(HttpCoordinator c, int workers) {
        for (int r = 0; r < workers; r++) {
            if (!c.finished(r)) {
                return false;
            }
        }
        return true;
    }
}

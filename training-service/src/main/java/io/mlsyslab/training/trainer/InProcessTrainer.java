package io.mlsyslab.training.trainer;

import io.mlsyslab.training.transport.InProcessFabric;

/**
 * Runs the M workers of a job as threads of this JVM over an {@link InProcessFabric}. A worker that throws aborts
 * the fabric, so the others stop at their next exchange, and the run fails with the first worker's error.
 */
public final class InProcessTrainer {
    private InProcessTrainer() {
    }

    public static TrainingOutcome train(TrainerConfig config, TrainingListener listener) {
        return train(config, Corpus.load(config.corpus(), config.seed()), listener);
    }

    public static TrainingOutcome train(TrainerConfig config, Corpus corpus, TrainingListener listener) {
        InProcessFabric fabric = new InProcessFabric(config.workers());
        TrainingMonitor monitor = new TrainingMonitor(config, listener);
        Thread[] threads = new Thread[config.workers()];
        Throwable[] errors = new Throwable[config.workers()];
        long t0 = System.nanoTime();
        for (int r = 0; r < threads.length; r++) {
            int rank = r;
            WorkerLoop loop = new WorkerLoop(config, corpus, fabric.endpoint(rank), monitor);
            threads[r] = Thread.ofPlatform().name("train-worker-" + rank).unstarted(() -> {
                try {
                    loop.run();
                } catch (Throwable e) {
                    errors[rank] = e;
                    fabric.abort("worker " + rank + " failed: " + e);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            fabric.abort("interrupted");
            for (Thread t : threads) {
                t.interrupt();
            }
            Thread.currentThread().interrupt();
            throw new WorkerLoop.CancelledException("training interrupted");
        }
        Throwable first = null;
        for (Throwable e : errors) {
            if (e != null && (first == null || first instanceof io.mlsyslab.training.transport.TransportException)) {
                first = e;
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        return monitor.outcome((System.nanoTime() - t0) / 1e9);
    }
}

package io.mlsyslab.nn.numerics;

import io.mlsyslab.nn.kernel.ComputePool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Independent numbered tasks on a bounded number of threads, load-balanced: each of the {@link ComputePool}'s lanes
 * pulls the next index, so uneven tasks (KDE blocks, replicate datasets) even out. The one concurrency primitive
 * of the engines is {@link ComputePool}; this is a scheduling policy on top of it.
 */
public final class ParallelTasks {

    private ParallelTasks() {
    }

    /**
     * Calls {@code task.accept(i)} for i in [0, count) using up to {@code threads} threads, the caller among them.
     * An exception from a task is rethrown on the calling thread once every lane has stopped.
     */
    public static void run(int count, int threads, IntConsumer task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        }
        int lanes = Math.min(threads, count);
        if (lanes <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        try (ComputePool pool = new ComputePool(lanes)) {
            pool.parallelFor(lanes, lane -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            });
        }
    }
}

package io.mlsyslab.analytics.kde;

import io.mlsyslab.contract.FieldErrorException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs independent numbered tasks on a bounded number of threads; the analytics engines' only concurrency primitive. */
public final class ParallelTasks {

    private ParallelTasks() {
    }

    /** Threads to use when the caller does not say: every core the JVM sees. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Calls {@code task.accept(i)} for i in [0, count) using up to {@code threads} threads (workers pull the next
     * index, so uneven tasks balance). Exceptions from tasks are rethrown on the calling thread.
     */
    public static void run(int count, int threads, IntConsumer task) {
        if (threads < 1) {
            throw new FieldErrorException("threads", "must be >= 1, got " + threads);
        }
        int workers = Math.min(threads, count);
        if (workers <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        try (ForkJoinPool pool = new ForkJoinPool(workers)) {
            Future<?>[] futures = new Future<?>[workers];
            for (int w = 0; w < workers; w++) {
                futures[w] = pool.submit(worker);
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

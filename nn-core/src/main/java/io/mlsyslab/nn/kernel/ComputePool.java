package io.mlsyslab.nn.kernel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed-size pool that runs data-parallel kernel loops; the calling thread always takes part, so a pool of
 * {@code n} threads owns {@code n - 1} worker threads.
 *
 * <p>One pool is meant to be shared by every kernel of a process ({@link #shared()}, sized by the system property
 * {@code mlsyslab.nn.threads}, default: available processors) so that concurrent models do not oversubscribe
 * the cores; services that want isolation create their own with {@link #ComputePool(int)}.
 */
public final class ComputePool implements AutoCloseable {
    private static final ComputePool SERIAL = new ComputePool(1);
    private static volatile ComputePool shared;

    private final int threads;
    private final ExecutorService workers;

    /**
     * Creates a pool.
     *
     * @param threads total threads taking part in a parallel loop, including the caller; {@code >= 1}
     */
    public ComputePool(int threads) {
        Checks.positive("threads", threads);
        this.threads = threads;
        if (threads == 1) {
            this.workers = null;
        } else {
            AtomicInteger ids = new AtomicInteger();
            this.workers = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(1024), runnable -> {
                        Thread t = new Thread(runnable, "nn-compute-" + ids.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
        }
    }

    /** The single-threaded pool: loops run inline on the caller. */
    public static ComputePool serial() {
        return SERIAL;
    }

    /** The process-wide pool, created on first use with {@code mlsyslab.nn.threads} threads. */
    public static ComputePool shared() {
        ComputePool pool = shared;
        if (pool == null) {
            synchronized (ComputePool.class) {
                pool = shared;
                if (pool == null) {
                    int n = Integer.getInteger("mlsyslab.nn.threads", Runtime.getRuntime().availableProcessors());
                    pool = new ComputePool(Math.max(1, n));
                    shared = pool;
                }
            }
        }
        return pool;
    }

    /** Threads taking part in a parallel loop, including the caller. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over the pool, and returns when
     * all have finished. Task 0 and every {@code threads}-th task after it run on the caller. An exception thrown by
     * any task is rethrown here after all tasks have ended.
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (threads == 1 || tasks == 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        int lanes = Math.min(threads, tasks);
        CountDownLatch done = new CountDownLatch(lanes - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int lane = 1; lane < lanes; lane++) {
            int first = lane;
            workers.execute(() -> {
                try {
                    for (int i = first; i < tasks; i += lanes) {
                        body.accept(i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            for (int i = 0; i < tasks; i += lanes) {
                body.accept(i);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("parallelFor: interrupted while waiting for workers", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        } else if (t instanceof Error err) {
            throw err;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Stops the worker threads; the shared pool ignores this. */
    @Override
    public void close() {
        if (workers != null && this != shared) {
            workers.shutdown();
        }
    }
}

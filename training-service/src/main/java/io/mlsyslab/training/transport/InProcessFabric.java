package io.mlsyslab.training.transport;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message queues between the worker threads of one JVM: one FIFO per ordered pair of ranks. Messages are real byte
 * arrays produced by {@link Messages}; the bytes counted are their lengths. {@link #abort(String)} wakes every
 * blocked receiver with a {@link TransportException}, so one failed worker fails the run instead of hanging it.
 */
public final class InProcessFabric {
    private final int workers;
    private final LinkedBlockingQueue<byte[]>[][] queues;
    private final AtomicLong[] sent, received;
    private volatile String abortReason;

    @SuppressWarnings("unchecked")
    public InProcessFabric(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: must be >= 1, was " + workers);
        }
        this.workers = workers;
        this.queues = new LinkedBlockingQueue[workers][workers];
        this.sent = new AtomicLong[workers];
        this.received = new AtomicLong[workers];
        for (int i = 0; i < workers; i++) {
            sent[i] = new AtomicLong();
            received[i] = new AtomicLong();
            for (int j = 0; j < workers; j++) {
                queues[i][j] = new LinkedBlockingQueue<>();
            }
        }
    }

    /** Fails every pending and future receive. */
    public void abort(String reason) {
        abortReason = reason;
    }

    /** The endpoint of worker {@code rank}. */
    public SyncTransport endpoint(int rank) {
        if (rank < 0 || rank >= workers) {
            throw new IllegalArgumentException("rank: must be in [0, " + workers + "), was " + rank);
        }
        return new SyncTransport() {
            @Override
            public int rank() {
                return rank;
            }

            @Override
            public int workers() {
                return workers;
            }

            @Override
            public void send(int to, byte[] message) {
                checkAbort();
                sent[rank].addAndGet(message.length);
                queues[rank][to].add(message);
            }

            @Override
            public byte[] receive(int from) {
                try {
                    while (true) {
                        checkAbort();
                        byte[] m = queues[from][rank].poll(50, TimeUnit.MILLISECONDS);
                        if (m != null) {
                            received[rank].addAndGet(m.length);
                            return m;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException("worker " + rank + ": interrupted while receiving from " + from, e);
                }
            }

            @Override
            public long bytesSent() {
                return sent[rank].get();
            }

            @Override
            public long bytesReceived() {
                return received[rank].get();
            }
        };
    }

    private void checkAbort() {
        String reason = abortReason;
        if (reason != null) {
            throw new TransportException("run aborted: " + reason);
        }
    }
}

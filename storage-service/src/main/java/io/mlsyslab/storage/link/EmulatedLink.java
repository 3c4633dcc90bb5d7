package io.mlsyslab.storage.link;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bandwidth-limited host link: a token bucket on bytes (refilled at {@code bytesPerSecond} up to
 * {@code burstBytes}, starting empty) plus a fixed latency per transfer. A transfer takes its bytes from the bucket,
 * running it into debt if needed, and the caller is held until the debt is paid and the latency has passed — so
 * concurrent transfers share the bandwidth and, since the bucket starts empty, no more than {@code rate × elapsed}
 * bytes have crossed at any time. Waits are real (the thread parks); the burst only gives back time lost to late
 * wake-ups (a park that oversleeps), it never adds bandwidth beyond the rate.
 */
public final class EmulatedLink {
    private final double bytesPerNano;
    private final long latencyNanos;
    private final double burst;
    private double tokens;
    private long last;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong transfers = new AtomicLong();

    /**
     * @param gigabytesPerSecond bandwidth in GB/s (10^9 bytes per second), > 0
     * @param latency            fixed latency added to every transfer, >= 0
     * @param burstBytes         bucket capacity: bytes that may pass at once after an idle period, >= 0; about
     *                           rate × 1 ms absorbs scheduling jitter
     */
    public EmulatedLink(double gigabytesPerSecond, Duration latency, long burstBytes) {
        if (!(gigabytesPerSecond > 0) || Double.isInfinite(gigabytesPerSecond)) {
            throw new IllegalArgumentException("gigabytesPerSecond: must be > 0, was " + gigabytesPerSecond);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency: must be >= 0, was " + latency);
        }
        if (burstBytes < 0) {
            throw new IllegalArgumentException("burstBytes: must be >= 0, was " + burstBytes);
        }
        this.bytesPerNano = gigabytesPerSecond;
        this.latencyNanos = latency.toNanos();
        this.burst = burstBytes;
        this.tokens = 0;
        this.last = System.nanoTime();
    }

    /** Moves {@code n} bytes across the link: returns once they would have arrived. */
    public void transfer(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: must be >= 0, was " + n);
        }
        long arrival;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) * bytesPerNano);
            last = now;
            tokens -= n;
            long wait = tokens < 0 ? (long) Math.ceil(-tokens / bytesPerNano) : 0;
            arrival = now + wait + latencyNanos;
        }
        bytes.addAndGet(n);
        transfers.incrementAndGet();
        long left;
        while ((left = arrival - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** A burst that absorbs about 1 ms of wake-up jitter at this rate (at least 64 KiB). */
    public static long jitterBurst(double gigabytesPerSecond) {
        return Math.max(64 << 10, (long) (gigabytesPerSecond * 1e6));
    }

    /** Seconds {@code n} bytes take on an idle link without burst: {@code latency + n / bandwidth}. */
    public double idealSeconds(long n) {
        return (latencyNanos + n / bytesPerNano) / 1e9;
    }

    /** Bytes moved so far. */
    public long bytes() {
        return bytes.get();
    }

    /** Transfers so far. */
    public long transfers() {
        return transfers.get();
    }

    /** An output stream whose writes cross this link before reaching {@code sink}. */
    public OutputStream wrap(OutputStream sink) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                transfer(1);
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                transfer(len);
                sink.write(b, off, len);
            }
        };
    }
}

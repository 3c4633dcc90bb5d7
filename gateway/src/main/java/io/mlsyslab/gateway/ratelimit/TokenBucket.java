package io.mlsyslab.gateway.ratelimit;

import java.util.function.LongSupplier;

/**
 * Classic token bucket, refilled lazily from a monotonic clock on each call, so idle buckets cost nothing.
 * Thread-safe: one bucket is shared by every request of one key.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final BucketSpec spec;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefillNanos;

    /** @param nanoClock monotonic nanoseconds, {@code System::nanoTime} in production */
    public TokenBucket(BucketSpec spec, LongSupplier nanoClock) {
        this.spec = spec;
        this.nanoClock = nanoClock;
        this.tokens = spec.capacity();
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    /** Takes one token if there is one. */
    public synchronized Decision tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, (int) Math.floor(tokens), 0);
        }
        double missingSeconds = (1 - tokens) / spec.refillPerSecond();
        return new Decision(false, 0, (long) Math.ceil(missingSeconds * NANOS_PER_SECOND));
    }

    /** Whether the bucket is back at its capacity: forgetting it now would change nothing for its owner. */
    public synchronized boolean isFull() {
        refill();
        return tokens >= spec.capacity();
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        double elapsedSeconds = Math.max(0, now - lastRefillNanos) / NANOS_PER_SECOND;
        tokens = Math.min(spec.capacity(), tokens + elapsedSeconds * spec.refillPerSecond());
        lastRefillNanos = now;
    }

    public BucketSpec spec() {
        return spec;
    }

    /**
     * @param allowed         whether the request may proceed
     * @param remaining       whole tokens left after this request
     * @param retryAfterNanos when refused, how long until one token is back
     */
    public record Decision(boolean allowed, int remaining, long retryAfterNanos) {

        /** Retry-After in whole seconds, rounded up so a client that obeys it is never refused again for the same reason. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}

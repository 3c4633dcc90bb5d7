package io.mlsyslab.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per client address, for callers without a valid key: no key, a wrong key, the public docs and
 * probes. A flood of 401s is then refused with 429 like a key's flood, and never shares a bucket with keyed callers.
 * The map stays bounded: once it holds {@code maxAddresses} buckets, those that have refilled completely are
 * forgotten (at most once a second, since that walks the map), and while it is still full, new addresses share one
 * overflow bucket.
 */
public final class AddressRateLimiter {

    private static final long PURGE_INTERVAL_NANOS = 1_000_000_000L;

    private final BucketSpec spec;
    private final int maxAddresses;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final TokenBucket overflow;
    private volatile long lastPurgeNanos;

    public AddressRateLimiter(BucketSpec spec, int maxAddresses, LongSupplier nanoClock) {
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("maxAddresses: must be >= 1, got " + maxAddresses);
        }
        this.spec = spec;
        this.maxAddresses = maxAddresses;
        this.nanoClock = nanoClock;
        this.overflow = new TokenBucket(spec, nanoClock);
        this.lastPurgeNanos = nanoClock.getAsLong() - PURGE_INTERVAL_NANOS;
    }

    public TokenBucket bucketOf(String address) {
        TokenBucket bucket = buckets.get(address);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxAddresses) {
            forgetFullBuckets();
            if (buckets.size() >= maxAddresses) {
                return overflow;
            }
        }
        return buckets.computeIfAbsent(address, a -> new TokenBucket(spec, nanoClock));
    }

    /** Addresses with a bucket of their own right now. */
    public int trackedAddresses() {
        return buckets.size();
    }

    private void forgetFullBuckets() {
        long now = nanoClock.getAsLong();
        if (now - lastPurgeNanos < PURGE_INTERVAL_NANOS) {
            return;
        }
        lastPurgeNanos = now;
        buckets.values().removeIf(TokenBucket::isFull);
    }
}

package io.mlsyslab.gateway.ratelimit;

import io.mlsyslab.gateway.auth.ApiKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** One token bucket per API key, created on the key's first request with the spec its role or name calls for. */
public final class KeyRateLimiter {

    private final Function<ApiKey, BucketSpec> specOf;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public KeyRateLimiter(Function<ApiKey, BucketSpec> specOf, LongSupplier nanoClock) {
        this.specOf = specOf;
        this.nanoClock = nanoClock;
    }

    public TokenBucket bucketOf(ApiKey key) {
        return buckets.computeIfAbsent(key.name(), name -> new TokenBucket(specOf.apply(key), nanoClock));
    }
}

package io.mlsyslab.gateway.ratelimit;

/**
 * Shape of a token bucket.
 *
 * @param capacity        burst size: how many requests a full bucket allows back to back
 * @param refillPerSecond sustained rate: tokens added per second, fractions allowed (0.5 = one request per 2 s)
 */
public record BucketSpec(int capacity, double refillPerSecond) {

    public BucketSpec {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be >= 1, got " + capacity);
        }
        if (!(refillPerSecond > 0) || Double.isInfinite(refillPerSecond)) {
            throw new IllegalArgumentException("refillPerSecond: must be a finite number > 0, got " + refillPerSecond);
        }
    }
}

package io.mlsyslab.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void eachAddressHasItsOwnBucket() {
        AddressRateLimiter limiter = new AddressRateLimiter(new BucketSpec(2, 1), 100, nanos::get);
        assertThat(limiter.bucketOf("10.0.0.1").tryTake().allowed()).isTrue();
        assertThat(limiter.bucketOf("10.0.0.1").tryTake().allowed()).isTrue();
        assertThat(limiter.bucketOf("10.0.0.1").tryTake().allowed()).isFalse();
        assertThat(limiter.bucketOf("10.0.0.2").tryTake().allowed()).isTrue();
    }

    @Test
    void atTheLimitNewAddressesShareOneBucketUntilOldOnesHaveRefilled() {
        AddressRateLimiter limiter = new AddressRateLimiter(new BucketSpec(1, 1), 2, nanos::get);
        limiter.bucketOf("a").tryTake();
        limiter.bucketOf("b").tryTake();
        // both tracked buckets are empty: nothing may be forgotten, so c and d share the overflow bucket
        TokenBucket c = limiter.bucketOf("c");
        assertThat(limiter.bucketOf("d")).isSameAs(c);
        assertThat(c.tryTake().allowed()).isTrue();
        assertThat(limiter.bucketOf("d").tryTake().allowed()).isFalse();
        assertThat(limiter.trackedAddresses()).isEqualTo(2);

        nanos.addAndGet(2_000_000_000L);
        // a and b are full again and are forgotten to make room
        assertThat(limiter.bucketOf("c")).isNotSameAs(c);
        assertThat(limiter.trackedAddresses()).isEqualTo(1);
    }
}

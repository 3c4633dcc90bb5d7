package io.mlsyslab.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(42 * SECOND);

    @Test
    void fullBucketAllowsExactlyItsCapacityBackToBack() {
        TokenBucket bucket = new TokenBucket(new BucketSpec(5, 1), clock::get);
        for (int remaining = 4; remaining >= 0; remaining--) {
            TokenBucket.Decision d = bucket.tryTake();
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(remaining);
        }
        assertThat(bucket.tryTake().allowed()).isFalse();
    }

    @Test
    void refillsAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(new BucketSpec(2, 4), clock::get);
        bucket.tryTake();
        bucket.tryTake();
        assertThat(bucket.tryTake().allowed()).isFalse();
        clock.addAndGet(SECOND / 4);            // exactly one token at 4/s
        assertThat(bucket.tryTake().allowed()).isTrue();
        assertThat(bucket.tryTake().allowed()).isFalse();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(new BucketSpec(3, 10), clock::get);
        clock.addAndGet(3600 * SECOND);
        int allowed = 0;
        while (bucket.tryTake().allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void retryAfterIsTheTimeToTheNextTokenRoundedUpToWholeSeconds() {
        TokenBucket bucket = new TokenBucket(new BucketSpec(1, 0.25), clock::get);
        bucket.tryTake();
        TokenBucket.Decision refused = bucket.tryTake();
        assertThat(refused.retryAfterNanos()).isEqualTo(4 * SECOND);
        assertThat(refused.retryAfterSeconds()).isEqualTo(4);
        clock.addAndGet(SECOND + 1);             // 0.25 token + a hair: 2.999... s to go -> 3
        assertThat(bucket.tryTake().retryAfterSeconds()).isEqualTo(3);
        clock.addAndGet(3 * SECOND);
        assertThat(bucket.tryTake().allowed()).isTrue();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        TokenBucket bucket = new TokenBucket(new BucketSpec(1, 1000), clock::get);
        bucket.tryTake();
        TokenBucket.Decision refused = bucket.tryTake();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterNanos()).isEqualTo(1_000_000L);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aClockGoingBackwardsAddsNothing() {
        TokenBucket bucket = new TokenBucket(new BucketSpec(1, 1), clock::get);
        bucket.tryTake();
        clock.addAndGet(-10 * SECOND);
        assertThat(bucket.tryTake().allowed()).isFalse();
    }

    @Test
    void specRejectsNonsenseNamingTheField() {
        assertThatThrownBy(() -> new BucketSpec(0, 1)).hasMessageStartingWith("capacity:");
        assertThatThrownBy(() -> new BucketSpec(1, 0)).hasMessageStartingWith("refillPerSecond:");
        assertThatThrownBy(() -> new BucketSpec(1, Double.NaN)).hasMessageStartingWith("refillPerSecond:");
        assertThatThrownBy(() -> new BucketSpec(1, Double.POSITIVE_INFINITY)).hasMessageStartingWith("refillPerSecond:");
    }
}

package io.mlsyslab.lab.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    @Test
    void theLabsBackoffDoublesFromOneSecondToThirtyAndStaysThere() {
        RestartPolicy policy = RestartPolicy.standard();
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::backoff).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(policy.backoff(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fiveCrashedStartsOfASlowJvmStillFallInsideTheWindow() {
        RestartPolicy policy = RestartPolicy.standard();
        Duration slowStart = Duration.ofSeconds(30);
        Duration loop = IntStream.rangeClosed(1, policy.maxRestarts()).mapToObj(policy::backoff)
                .reduce(Duration.ZERO, Duration::plus).plus(slowStart.multipliedBy(policy.maxRestarts()));
        assertThat(loop).isLessThan(policy.window());
    }

    @Test
    void refusesABackoffThatCannotGrow() {
        assertThatThrownBy(() -> new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, 1,
                Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}

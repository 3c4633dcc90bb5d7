package io.mlsyslab.training.utilization;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RingAllReduceTest {

    @Test
    void factorIsTwoTimesMMinusOneOverM() {
        assertThat(RingAllReduce.factor(2)).isEqualTo(1.0);
        assertThat(RingAllReduce.factor(4)).isEqualTo(1.5);
        assertThat(RingAllReduce.factor(8)).isEqualTo(1.75);
        assertThat(RingAllReduce.factor(1_000_000)).isCloseTo(2.0, within(1e-5));
    }

    @Test
    void secondsAreBitsSentOverBandwidth() {
        // 1B bf16 values = 16 Gbit; two workers send the buffer once: 16 s at 1 Gbit/s, 0.072 s at 222.3 Gbit/s
        assertThat(RingAllReduce.seconds(16e9, 2, 1e9)).isCloseTo(16.0, within(1e-12));
        assertThat(RingAllReduce.seconds(16e9, 2, 222.3e9)).isCloseTo(16.0 / 222.3, within(1e-12));
        // eight workers: each sends 2 * 7/8 of the buffer (reduce-scatter + all-gather)
        assertThat(RingAllReduce.bitsSentPerWorker(8e9, 8)).isCloseTo(14e9, within(1e-3));
        assertThat(RingAllReduce.seconds(8e9, 8, 7e9)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void rejectsFewerThanTwoWorkersAndNonPositiveBandwidth() {
        assertThatThrownBy(() -> RingAllReduce.factor(1)).hasMessageStartingWith("workers:");
        assertThatThrownBy(() -> RingAllReduce.seconds(1, 2, 0)).hasMessageStartingWith("bandwidth:");
    }
}

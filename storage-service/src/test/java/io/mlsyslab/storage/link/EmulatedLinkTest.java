package io.mlsyslab.storage.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatedLinkTest {
    @Test
    void nothingCrossesFasterThanTheConfiguredRate() throws IOException {
        // 0.001 GB/s = 1 MB/s: 200 kB must take at least 0.2 s (a lower bound only: no upper timing bound asserted)
        EmulatedLink link = new EmulatedLink(0.001, Duration.ofMillis(1), 0);
        long t0 = System.nanoTime();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (var out = link.wrap(sink)) {
            for (int i = 0; i < 20; i++) {
                out.write(new byte[10_000]);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo(0.2);
        assertThat(link.bytes()).isEqualTo(200_000);
        assertThat(link.transfers()).isEqualTo(20);
        assertThat(sink.size()).isEqualTo(200_000);
        assertThat(link.idealSeconds(1_000_000)).isCloseTo(1.001, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void theBucketStartsEmptySoABurstNeverAddsBandwidth() {
        // 1 MB/s with a 1 MiB burst: 100 kB still take >= 0.1 s from creation (lower bound only)
        long t0 = System.nanoTime();
        EmulatedLink link = new EmulatedLink(0.001, Duration.ZERO, 1 << 20);
        for (int i = 0; i < 10; i++) {
            link.transfer(10_000);
        }
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.1);
        assertThat(link.bytes()).isEqualTo(100_000);
        assertThat(EmulatedLink.jitterBurst(2.0)).isEqualTo(2_000_000);
        assertThatThrownBy(() -> new EmulatedLink(0, Duration.ZERO, 0)).hasMessageStartingWith("gigabytesPerSecond:");
        assertThatThrownBy(() -> new EmulatedLink(1, Duration.ofNanos(-1), 0)).hasMessageStartingWith("latency:");
        assertThatThrownBy(() -> link.transfer(-1)).hasMessageStartingWith("n:");
    }
}

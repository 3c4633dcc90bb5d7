package io.mlsyslab.storage.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.platform.test.RecordingRunContext;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.bench.AttentionBench;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionBenchRunTest {
    @TempDir
    Path dir;

    @Test
    void measuresEveryModeCountsLinkBytesAndCleansUp() throws IOException {
        try (KvStore store = KvStore.open(StoreConfig.defaults(dir)); ComputePool pool = new ComputePool(2)) {
            AttentionBenchRun run = new AttentionBenchRun(store, new InStorageAttention(store, pool), pool);
            AttentionBenchParams p = new AttentionBenchParams(List.of(64, 300), List.of(1, 2), 2, 4, 32, "f16", 1.0,
                    5, 2, 7L);
            RecordingRunContext ctx = new RecordingRunContext();
            AttentionBenchResult r = run.execute(p, ctx);
            assertThat(r.points()).hasSize(2 * 2 * 3);
            for (AttentionBench.Point pt : r.points()) {
                long kv = 2L * pt.length() * 2 * 32 * 2 * pt.batch();
                assertThat(pt.kvBytesPerStep()).isEqualTo(kv);
                long expectedLink = switch (pt.mode()) {
                    case "in-storage" -> 2L * 4 * 4 * 32 * pt.batch(); // q down and output up, f32
                    case "fetch" -> kv;
                    default -> 0;
                };
                assertThat(pt.linkBytesPerStep()).as(pt.toString()).isEqualTo(expectedLink);
                assertThat(pt.tokensPerSecond()).isPositive();
            }
            assertThat(r.inStorageOverFetch()).isFinite().isPositive();
            assertThat(ctx.metrics).containsKeys("tokensPerSecond.in-storage", "tokensPerSecond.fetch",
                    "tokensPerSecond.in-memory", "linkBytesPerStep.fetch", "kvBytesScannedPerSecond.in-storage");
            assertThat(ctx.metrics.get("tokensPerSecond.fetch")).hasSize(4);
            assertThat(new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8)).contains("<svg",
                    "in-storage, batch 2");
            assertThat(ctx.lastProgress()).isEqualTo(1.0);
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void cancellationStopsTheRunAndRemovesItsSequences() throws IOException {
        try (KvStore store = KvStore.open(StoreConfig.defaults(dir)); ComputePool pool = new ComputePool(1)) {
            AttentionBenchRun run = new AttentionBenchRun(store, new InStorageAttention(store, pool), pool);
            AttentionBenchParams p = new AttentionBenchParams(List.of(64), List.of(1), 1, 1, 16, "f32", 1.0, 0, 3,
                    1L);
            RecordingRunContext ctx = new RecordingRunContext(1);
            assertThatThrownBy(() -> run.execute(p, ctx))
                    .isInstanceOf(io.mlsyslab.platform.runs.RunCancelledException.class);
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void limitsAreCheckedAtSubmission() {
        assertThatThrownBy(() -> new AttentionBenchParams(null, null, 3, 4, null, null, null, null, null, null))
                .hasMessageStartingWith("qHeads:");
        assertThatThrownBy(() -> new AttentionBenchParams(List.of(65536), List.of(64), 128, 128, 128, "f32", null,
                null, null, null)).hasMessageStartingWith("lengths:");
        assertThatThrownBy(() -> new AttentionBenchParams(null, null, null, null, 2048, "f32", null, null, null,
                null)).hasMessageStartingWith("headDim:");
        AttentionBenchParams defaults = new AttentionBenchParams(null, null, null, null, null, null, null, null, null,
                null);
        assertThat(defaults.lengths()).containsExactly(512, 2048, 8192);
        assertThat(defaults.qHeads()).isEqualTo(32);
    }
}

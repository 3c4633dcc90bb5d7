package io.mlsyslab.storage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.NativePagedAttention;
import io.mlsyslab.storage.attention.AttentionQuery;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.StoreConfig;
import io.mlsyslab.storage.link.EmulatedLink;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch baseline computes what in-storage attention computes, with either kernel, and counts its link bytes. */
class AttentionBenchTest {
    @TempDir
    Path dir;

    @Test
    void fetchThenHostAttentionEqualsInStorageAttention() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        try (KvStore store = KvStore.open(new StoreConfig(dir, 3, 1024, 8, 0.25, 1 << 20));
             ComputePool pool = new ComputePool(2)) {
            for (KvFormat f : KvFormat.values()) {
                int h = 2, hq = 8, d = 48, len = 157; // 157 tokens: full pages and an open tail held in memory
                UUID id = store.create(null, 1, h, d, f).id();
                float[] k = new float[len * h * d], v = new float[k.length], q = new float[hq * d];
                for (int i = 0; i < k.length; i++) {
                    k[i] = (float) r.nextGaussian();
                    v[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < q.length; i++) {
                    q[i] = (float) r.nextGaussian();
                }
                store.append(id, 0, 0, len, k, v);
                AttentionQuery query = new AttentionQuery(id, q, -1);
                for (boolean nativeKernel : NativePagedAttention.available() ? new boolean[]{true, false}
                        : new boolean[]{false}) {
                    InStorageAttention attention = new InStorageAttention(store, pool, nativeKernel);
                    AttentionBench bench = new AttentionBench(store, attention, pool);
                    float[] inStorage = attention.attend(query, 0, 1.0, false).out();
                    EmulatedLink link = new EmulatedLink(100, Duration.ZERO, 1 << 20);
                    float[] fetched = bench.fetchAndAttend(query, link);
                    assertThat(link.bytes()).isEqualTo(2L * len * h * d * f.bytes());
                    for (int i = 0; i < q.length; i++) {
                        assertThat(fetched[i]).as("%s native=%s index %d", f, nativeKernel, i)
                                .isCloseTo(inStorage[i], within(1e-5f * Math.max(1, Math.abs(inStorage[i]))));
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        assertThatThrownBy(() -> bench.fetchAndAttend(query, link, arena.allocate(64)))
                                .hasMessageStartingWith("host:");
                    }
                }
            }
        }
    }
}

package io.mlsyslab.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Page reads through many small mapped extents, mapped on first use by concurrent readers in any order. */
class PageFilesTest {
    private static final int PAGE = 512;
    private static final int CHANNELS = 3;

    @TempDir
    Path dir;

    private static ByteBuffer page(int c, int slot) {
        ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < PAGE / 8; i++) {
            b.putLong(((long) c << 48) | ((long) slot << 16) | i);
        }
        return b.flip();
    }

    private static boolean holds(MemorySegment seg, int c, int slot) {
        for (int i = 0; i < PAGE / 8; i++) {
            if (seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8L * i)
                    != (((long) c << 48) | ((long) slot << 16) | i)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void concurrentReadersMapExtentsOnFirstUseAndEveryPageHoldsWhatWasWritten() throws Exception {
        // 2 pages per block, 2 blocks per extent: 80 slots per channel span 20 extents
        int slots = 80;
        try (PageFiles files = new PageFiles(dir, CHANNELS, PAGE, 2, 4L * PAGE)) {
            for (int c = 0; c < CHANNELS; c++) {
                for (int s = 0; s < slots; s++) {
                    int slot = files.allocate(c, -1);
                    assertThat(slot).isEqualTo(s);
                    files.write(c, slot, page(c, slot));
                    files.markLive(c, slot);
                }
                files.force(c);
            }
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        int ok = 0;
                        // each reader walks the slots in its own order, from the last extent, the first or the middle
                        for (int k = 0; k < CHANNELS * slots; k++) {
                            int i = (k * (2 * seed + 1) + seed * 37) % (CHANNELS * slots);
                            int c = i % CHANNELS, slot = seed % 2 == 0 ? slots - 1 - i / CHANNELS : i / CHANNELS;
                            MemorySegment seg = files.page(c, slot);
                            if (seg.byteSize() == PAGE && holds(seg, c, slot)) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                start.countDown();
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(CHANNELS * slots);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

package io.mlsyslab.benchmarks.storage;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.bench.AttentionBench;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The {@code attention-bench} sweep outside the service (same engine, {@code AttentionBench}), printed as a table:
 * {@code java -cp … io.mlsyslab.benchmarks.storage.AttentionBenchMain [threads] [linkGBps]}. 8 kv-heads × 128 f16,
 * 32 query heads, lengths 1024/4096/8192, batches 1/4, 3 timed steps per point.
 */
public final class AttentionBenchMain {
    private AttentionBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        double gbps = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        Path dir = Files.createTempDirectory("attention-bench");
        try (KvStore store = KvStore.open(StoreConfig.defaults(dir)); ComputePool pool = new ComputePool(threads)) {
            AttentionBench bench = new AttentionBench(store, new InStorageAttention(store, pool), pool);
            AttentionBench.Setup setup = new AttentionBench.Setup(8, 32, 128, KvFormat.F16, gbps,
                    Duration.ofNanos(10_000), 3, 42);
            System.out.printf("threads %d, link %.1f GB/s%n%-7s %-6s %-11s %12s %14s %14s %12s%n", threads, gbps,
                    "length", "batch", "mode", "ms/step", "tokens/s", "link B/step", "KV GB/s");
            for (int batch : new int[]{1, 4}) {
                for (int length : new int[]{1024, 4096, 8192}) {
                    for (AttentionBench.Point p : bench.measure(setup, length, batch, () -> false)) {
                        System.out.printf("%-7d %-6d %-11s %12.2f %14.1f %14d %12.2f%n", p.length(), p.batch(),
                                p.mode(), p.secondsPerStep() * 1e3, p.tokensPerSecond(), p.linkBytesPerStep(),
                                p.kvBytesScannedPerSecond() / 1e9);
                    }
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

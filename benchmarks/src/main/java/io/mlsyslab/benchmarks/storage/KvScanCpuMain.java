package io.mlsyslab.benchmarks.storage;

import static io.mlsyslab.benchmarks.storage.KvAttentionBenchmark.sum;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.DecodeAttention;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.NativePagedAttention;
import io.mlsyslab.nn.kernel.PagedAttention;
import io.mlsyslab.storage.attention.AttentionQuery;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.kv.KvLayout;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.LayerView;
import io.mlsyslab.storage.kv.StoreConfig;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * The single-thread KV scan of {@link KvAttentionBenchmark} timed by the calling thread's <em>CPU time</em>
 * (medians of interleaved rounds), which a shared, oversubscribed machine disturbs far less than wall time: one
 * stored layer of 8192 tokens × 32 kv-heads × 128 (f16 unless told otherwise; 134 MB, page-cached), one query of 32
 * heads, pool of 1. Rows: {@code InStorageAttention} with its default kernel (nn-core's native page fold where it is
 * available) and with the Java kernel on every page; each kernel folding the layer's number of pages from two pages
 * that stay in cache (its arithmetic alone); the per-position kernel of before the paged scan; a read of the same
 * mapped pages in the scan's file order and in logical (kv-head-major) order; a read of a flat off-heap buffer of
 * the same size. Usage: {@code KvScanCpuMain [rounds [row [dtype]]]}: with {@code row}, only the rows whose name
 * contains it (e.g. {@code inStorage}, to profile the scan alone); {@code dtype} f32, f16 (default) or bf16.
 */
public final class KvScanCpuMain {

    private KvScanCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String only = args.length > 1 ? args[1] : "";
        KvFormat format = args.length > 2 ? KvFormat.fromName("dtype", args[2]) : KvFormat.F16;
        int length = 8192, heads = 32, d = 128;
        Path dir = Files.createTempDirectory("kv-cpu");
        try (KvStore store = KvStore.open(StoreConfig.defaults(dir))) {
            InStorageAttention attention = new InStorageAttention(store, ComputePool.serial());
            InStorageAttention javaKernel = new InStorageAttention(store, ComputePool.serial(), false);
            UUID id = store.create(null, 1, heads, d, format).id();
            SplittableRandom r = new SplittableRandom(1);
            for (int pos = 0; pos < length; pos += 256) {
                float[] k = new float[256 * heads * d], v = new float[k.length];
                for (int i = 0; i < k.length; i++) {
                    k[i] = (float) r.nextGaussian();
                    v[i] = (float) r.nextGaussian();
                }
                store.append(id, 0, pos, 256, k, v);
            }
            float[] q = new float[heads * d];
            for (int i = 0; i < q.length; i++) {
                q[i] = (float) r.nextGaussian();
            }
            AttentionQuery query = new AttentionQuery(id, q, -1);
            long bytes = 2L * length * heads * d * format.bytes();
            MemorySegment flat = Arena.global().allocate(bytes, 64);
            flat.fill((byte) 1);
            List<String> allNames = List.of("inStorage (default kernel)", "inStorage, Java kernel",
                    "Java kernel, 2 pages in cache", "native kernel, 2 pages in cache", "legacy per-position kernel",
                    "mapped pages, file order", "mapped pages, kv-head-major", "flat buffer read");
            List<DoubleSupplier> allRuns = List.of(
                    () -> attention.attend(query, 0, 1.0, false).out()[0],
                    () -> javaKernel.attend(query, 0, 1.0, false).out()[0],
                    () -> kernelInCache(store, id, q, false),
                    () -> kernelInCache(store, id, q, true),
                    () -> legacy(store, id, q),
                    () -> mapped(store, id, true),
                    () -> mapped(store, id, false),
                    () -> sum(flat, 0, bytes));
            List<String> names = new ArrayList<>();
            List<DoubleSupplier> runs = new ArrayList<>();
            for (int m = 0; m < allNames.size(); m++) {
                if (allNames.get(m).contains(only)) {
                    names.add(allNames.get(m));
                    runs.add(allRuns.get(m));
                }
            }
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[][] cpu = new long[runs.size()][rounds];
            double sink = 0;
            for (int round = 0; round < rounds + 3; round++) { // 3 warm-up rounds
                for (int m = 0; m < runs.size(); m++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    sink += runs.get(m).getAsDouble();
                    if (round >= 3) {
                        cpu[m][round - 3] = mx.getCurrentThreadCpuTime() - c0;
                    }
                }
            }
            int flatRow = names.indexOf("flat buffer read");
            System.out.printf("KV bytes %d (%s); CPU-time medians over %d interleaved rounds (sink %.1f)%n", bytes,
                    format, rounds, sink);
            for (int m = 0; m < runs.size(); m++) {
                double ms = median(cpu[m]) / 1e6;
                System.out.printf("%-30s %7.2f ms  %6.2f GB/s%s%n", names.get(m), ms, bytes / (ms * 1e6),
                        flatRow < 0 ? "" : String.format("  %5.1f%% of the flat read", 100 * median(cpu[flatRow])
                                / median(cpu[m])));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(long[] x) {
        long[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /**
     * A kernel's arithmetic alone: as many page folds as the layer has (pages × kv-heads), each into its own head's
     * state, but always reading the first two pages of kv-head 0, which stay in cache; the native kernel in batches of
     * one task's size (16 pages × every kv-head), as {@code InStorageAttention} calls it.
     */
    private static double kernelInCache(KvStore store, UUID id, float[] q, boolean nativeKernel) {
        if (nativeKernel && !NativePagedAttention.available()) {
            return 0;
        }
        float[] out = new float[q.length];
        try (LayerView v = store.openLayer(id, 0, -1)) {
            KvLayout lay = v.layout();
            int d = lay.headDim(), heads = lay.kvHeads(), group = q.length / d / heads;
            float scale = (float) (1 / Math.sqrt(d));
            PagedAttention.Scan scan = PagedAttention.scratch(q.length / d, d);
            NativePagedAttention.Batch batch = new NativePagedAttention.Batch();
            for (int k = 0; k < v.pages() * heads; k++) {
                int g = k % heads, page = k & 1;
                if (nativeKernel) {
                    batch.add(v.segment(0, 0, page), v.offset(0, 0, page), v.segment(1, 0, page),
                            v.offset(1, 0, page), v.tokens(page), lay.rowBytes(), g);
                    if (batch.size() == 16 * heads) {
                        scan.fold(q, 0, group, scale, lay.format(), batch);
                        batch.clear();
                    }
                } else {
                    scan.add(q, g * group * d, g * group, group, v.segment(0, 0, page), v.offset(0, 0, page),
                            v.segment(1, 0, page), v.offset(1, 0, page), lay.rowBytes(), v.tokens(page),
                            lay.format(), ByteOrder.LITTLE_ENDIAN, scale);
                }
            }
            scan.fold(q, 0, group, scale, lay.format(), batch);
            DecodeAttention.Partial p = new DecodeAttention.Partial(q.length / d, d);
            scan.mergeInto(p, 0);
            p.finish(out, 0);
        }
        return out[0];
    }

    private static double legacy(KvStore store, UUID id, float[] q) {
        float[] out = new float[q.length];
        try (LayerView v = store.openLayer(id, 0, -1)) {
            KvLayout lay = v.layout();
            int d = lay.headDim(), group = q.length / d / lay.kvHeads();
            float scale = (float) (1 / Math.sqrt(d));
            for (int g = 0; g < lay.kvHeads(); g++) {
                DecodeAttention.Partial p = new DecodeAttention.Partial(group, d);
                for (int page = 0; page < v.pages(); page++) {
                    DecodeAttention.accumulate(q, g * group * d, group, v.keys(g, page), 0, v.values(g, page), 0,
                            lay.rowBytes(), v.tokens(page), d, lay.format(), ByteOrder.LITTLE_ENDIAN, scale, p, 0);
                }
                p.finish(out, g * group * d);
            }
        }
        return out[0];
    }

    private static double mapped(KvStore store, UUID id, boolean fileOrder) {
        double total = 0;
        try (LayerView v = store.openLayer(id, 0, -1)) {
            int heads = v.layout().kvHeads();
            if (fileOrder) {
                for (int from = 0; from < v.pages(); from += 16) {
                    for (int unit : InStorageAttention.fileOrder(v, from, Math.min(v.pages(), from + 16))) {
                        int page = from + unit / heads, g = unit % heads;
                        total += sum(v.keys(g, page), 0, 4096) + sum(v.values(g, page), 0, 4096);
                    }
                }
            } else {
                for (int g = 0; g < heads; g++) {
                    for (int page = 0; page < v.pages(); page++) {
                        total += sum(v.keys(g, page), 0, 4096) + sum(v.values(g, page), 0, 4096);
                    }
                }
            }
        }
        return total;
    }
}

package io.mlsyslab.benchmarks.storage;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.storage.attention.AttentionQuery;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.bench.AttentionBench;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.LayerView;
import io.mlsyslab.storage.kv.StoreConfig;
import io.mlsyslab.storage.link.EmulatedLink;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * storage-service's decode attention over one stored layer ({@code length} tokens, {@code heads} kv-heads ×
 * {@code headDim}, f16, 4 KiB pages over 8 channel files, page-cached), one query of {@code heads} query heads:
 * <ul>
 *   <li>{@code inStorage}: attention over the mapped pages (the K/V never move), with the default kernel (nn-core's
 *       native fold where available);</li>
 *   <li>{@code inStorageJavaKernel}: the same with nn-core's Java kernel on every page;</li>
 *   <li>{@code fetchOverLink}: the K/V cross an emulated {@code linkGBps} link into a reused host buffer, then the
 *       host computes with the same kernel and pool (FlexGen's SSD path);</li>
 *   <li>{@code mappedPageProbe}: only reads the stored pages, in the scan's order;</li>
 *   <li>{@code memoryReadProbe}: a vectorised sum over an off-heap buffer of the same byte size, split over the
 *       same pool and thread count as the scan (the machine's read bandwidth for {@code threads} threads in this
 *       run).</li>
 * </ul>
 * KV scan rate = 2·length·heads·headDim·2 B / time of {@code inStorage}; decode speed-up = time of
 * {@code fetchOverLink} / time of {@code inStorage}. Recorded in benchmarks/STORAGE-BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx2g"})
public class KvAttentionBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Param({"8192"})
    public int length;
    @Param({"32"})
    public int heads;
    @Param({"128"})
    public int headDim;
    @Param({"1", "2"})
    public int threads;
    @Param({"2.0"})
    public double linkGBps;

    private Path dir;
    private KvStore store;
    private ComputePool pool;
    private InStorageAttention attention;
    private InStorageAttention javaKernel;
    private AttentionBench bench;
    private AttentionQuery query;
    private EmulatedLink link;
    private Arena arena;
    private MemorySegment probe;
    /** Host memory the fetch path streams the K/V into, reused by every call. */
    private MemorySegment host;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("kv-jmh");
        store = KvStore.open(StoreConfig.defaults(dir));
        pool = new ComputePool(threads);
        attention = new InStorageAttention(store, pool);
        javaKernel = new InStorageAttention(store, pool, false);
        bench = new AttentionBench(store, attention, pool);
        UUID id = store.create(null, 1, heads, headDim, KvFormat.F16).id();
        SplittableRandom r = new SplittableRandom(1);
        int chunk = 256;
        for (int pos = 0; pos < length; pos += chunk) {
            int n = Math.min(chunk, length - pos);
            float[] k = new float[n * heads * headDim], v = new float[k.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) r.nextGaussian();
                v[i] = (float) r.nextGaussian();
            }
            store.append(id, 0, pos, n, k, v);
        }
        float[] q = new float[heads * headDim];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) r.nextGaussian();
        }
        query = new AttentionQuery(id, q, -1);
        link = new EmulatedLink(linkGBps, Duration.ZERO, EmulatedLink.jitterBurst(linkGBps));
        arena = Arena.ofShared();
        probe = arena.allocate(2L * length * heads * headDim * 2, 64);
        probe.fill((byte) 1);
        host = arena.allocate(probe.byteSize(), 64);
    }

    @TearDown
    public void tearDown() throws IOException {
        store.close();
        pool.close();
        arena.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public float[] inStorage() {
        return attention.attend(query, 0, 1.0, false).out();
    }

    @Benchmark
    public float[] fetchOverLink() {
        return bench.fetchAndAttend(query, link, host);
    }

    /**
     * The same scan with every page folded by nn-core's Java kernel ({@code PagedAttention.Scan#add}) instead of the
     * native one: the A/B of the two kernels in one run (equal to {@link #inStorage} where the native kernel is
     * unavailable).
     */
    @Benchmark
    public float[] inStorageJavaKernel() {
        return javaKernel.attend(query, 0, 1.0, false).out();
    }

    /**
     * Read bandwidth of the stored pages themselves: the same mapped K and V pages the scan reads, in its order
     * (runs of 16 pages, units sorted by channel file and slot) and with its thread count, only summed (four vector
     * accumulators per page). Separates what the page layout costs (this vs {@link #memoryReadProbe}) from what the
     * kernel costs ({@link #inStorage} vs this).
     */
    @Benchmark
    public float mappedPageProbe() {
        try (LayerView v = store.openLayer(query.sequence(), 0, -1)) {
            int runs = (v.pages() + 15) / 16, heads = v.layout().kvHeads();
            float[] sums = new float[runs];
            pool.parallelFor(runs, r -> {
                float total = 0;
                int from = r * 16;
                for (int unit : InStorageAttention.fileOrder(v, from, Math.min(v.pages(), from + 16))) {
                    int page = from + unit / heads, g = unit % heads;
                    MemorySegment k = v.keys(g, page), val = v.values(g, page);
                    total += sum(k, 0, k.byteSize()) + sum(val, 0, val.byteSize());
                }
                sums[r] = total;
            });
            float total = 0;
            for (float x : sums) {
                total += x;
            }
            return total;
        }
    }

    /**
     * Read bandwidth with the scan's thread count: the buffer is cut into {@code threads} equal slices summed in
     * parallel on the same {@link ComputePool}, each with four independent vector accumulators (so the adds never
     * limit a load stream); every byte of the buffer is loaded once per call.
     */
    @Benchmark
    public float memoryReadProbe() {
        float[] sums = new float[threads];
        long slice = probe.byteSize() / threads / (4L * S.vectorByteSize()) * (4L * S.vectorByteSize());
        pool.parallelFor(threads, part -> sums[part] = sum(probe, part * slice,
                part == threads - 1 ? probe.byteSize() : (part + 1) * slice));
        float total = 0;
        for (float x : sums) {
            total += x;
        }
        return total;
    }

    /** Vector sum of the floats in {@code [from, to)}: the read probe (4 independent accumulators). */
    static float sum(MemorySegment seg, long from, long to) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S),
                a3 = FloatVector.zero(S);
        long step = S.vectorByteSize();
        long i = from;
        for (; i + 4 * step <= to; i += 4 * step) {
            a0 = a0.add(FloatVector.fromMemorySegment(S, seg, i, ByteOrder.LITTLE_ENDIAN));
            a1 = a1.add(FloatVector.fromMemorySegment(S, seg, i + step, ByteOrder.LITTLE_ENDIAN));
            a2 = a2.add(FloatVector.fromMemorySegment(S, seg, i + 2 * step, ByteOrder.LITTLE_ENDIAN));
            a3 = a3.add(FloatVector.fromMemorySegment(S, seg, i + 3 * step, ByteOrder.LITTLE_ENDIAN));
        }
        float total = a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
        for (; i + 4 <= to; i += 4) {
            total += seg.get(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, i);
        }
        return total;
    }
}

package io.mlsyslab.storage.bench;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.DecodeAttention;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.NativePagedAttention;
import io.mlsyslab.nn.kernel.PagedAttention;
import io.mlsyslab.storage.attention.AttentionQuery;
import io.mlsyslab.storage.attention.AttentionResult;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.kv.KvLayout;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.LayerView;
import io.mlsyslab.storage.kv.SequenceInfo;
import io.mlsyslab.storage.link.EmulatedLink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One decode step of attention (one layer) for {@code batch} sequences of {@code length} tokens stored in a real
 * {@link KvStore}, three ways on the same data:
 * <ul>
 *   <li>{@code in-storage}: q crosses the emulated link, attention runs over the mapped pages, the output comes
 *       back (InstInfer);</li>
 *   <li>{@code fetch}: each sequence's K and V cross the emulated link into host memory, then the host computes
 *       (FlexGen-SSD);</li>
 *   <li>{@code in-memory}: the host computes over a copy already in its memory (KV in DRAM, no link).</li>
 * </ul>
 * Host and store computation use the same compute pool and kernel, so the difference is what crosses the link.
 */
public final class AttentionBench {
    /** Modes, in report order. */
    public static final List<String> MODES = List.of("in-storage", "fetch", "in-memory");

    private final KvStore store;
    private final InStorageAttention attention;
    private final ComputePool pool;

    /** One measured point. */
    public record Point(int length, int batch, String mode, double secondsPerStep, double tokensPerSecond,
                        long linkBytesPerStep, long kvBytesPerStep, double kvBytesScannedPerSecond) {
    }

    /** Shape of the stored sequences and the link. */
    public record Setup(int kvHeads, int qHeads, int headDim, KvFormat dtype, double linkGigabytesPerSecond,
                        Duration linkLatency, int steps, long seed) {
    }

    public AttentionBench(KvStore store, InStorageAttention attention, ComputePool pool) {
        this.store = store;
        this.attention = attention;
        this.pool = pool;
    }

    /** Measures all three modes at one (length, batch); sequences are created and deleted here. */
    public List<Point> measure(Setup s, int length, int batch, BooleanSupplier cancelled) {
        List<UUID> ids = new ArrayList<>();
        try {
            SplittableRandom random = new SplittableRandom(s.seed() ^ ((long) length << 20) ^ batch);
            for (int b = 0; b < batch; b++) {
                ids.add(fill(s, length, random));
            }
            List<AttentionQuery> queries = new ArrayList<>();
            for (UUID id : ids) {
                float[] q = new float[s.qHeads() * s.headDim()];
                for (int i = 0; i < q.length; i++) {
                    q[i] = (float) random.nextGaussian();
                }
                queries.add(new AttentionQuery(id, q, -1));
            }
            KvLayout lay = store.info(ids.getFirst()).layout();
            long kvBytes = 2L * length * lay.tokenBytes() * batch;
            long qBytes = 4L * s.qHeads() * s.headDim() * batch;
            List<Point> out = new ArrayList<>();
            // in-storage: q down, output up
            EmulatedLink link = new EmulatedLink(s.linkGigabytesPerSecond(), s.linkLatency(),
                    EmulatedLink.jitterBurst(s.linkGigabytesPerSecond()));
            attention.attendBatch(queries, 0, 1.0, false); // warm-up (page cache, JIT)
            long t0 = System.nanoTime();
            for (int step = 0; step < s.steps(); step++) {
                check(cancelled);
                link.transfer(qBytes);
                List<AttentionResult> r = attention.attendBatch(queries, 0, 1.0, false);
                link.transfer(4L * r.size() * s.qHeads() * s.headDim());
            }
            out.add(point(length, batch, "in-storage", System.nanoTime() - t0, s.steps(), link.bytes(), kvBytes));
            // fetch: the KV crosses the link, then the host computes
            EmulatedLink fetchLink = new EmulatedLink(s.linkGigabytesPerSecond(), s.linkLatency(),
                    EmulatedLink.jitterBurst(s.linkGigabytesPerSecond()));
            try (Arena arena = Arena.ofShared()) {
                // host buffers allocated once and reused by every step, as a serving system keeps them
                MemorySegment[] host = new MemorySegment[batch];
                for (int b = 0; b < batch; b++) {
                    host[b] = arena.allocate(2L * length * lay.tokenBytes(), 64);
                }
                t0 = System.nanoTime();
                for (int step = 0; step < s.steps(); step++) {
                    check(cancelled);
                    for (int b = 0; b < batch; b++) {
                        fetch(ids.get(b), fetchLink, host[b]);
                    }
                    hostAttention(host, queries, lay, length);
                }
                out.add(point(length, batch, "fetch", System.nanoTime() - t0, s.steps(), fetchLink.bytes(), kvBytes));
                // in-memory: the host copy is already there
                hostAttention(host, queries, lay, length);
                t0 = System.nanoTime();
                for (int step = 0; step < s.steps(); step++) {
                    check(cancelled);
                    hostAttention(host, queries, lay, length);
                }
                out.add(point(length, batch, "in-memory", System.nanoTime() - t0, s.steps(), 0, kvBytes));
            }
            return out;
        } finally {
            for (UUID id : ids) {
                store.delete(id);
            }
        }
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }

    private static Point point(int length, int batch, String mode, long nanos, int steps, long linkBytes,
                               long kvBytesPerStep) {
        double perStep = nanos / 1e9 / steps;
        return new Point(length, batch, mode, perStep, batch / perStep, linkBytes / steps, kvBytesPerStep,
                kvBytesPerStep / perStep);
    }

    private UUID fill(Setup s, int length, SplittableRandom random) {
        UUID id = store.create(null, 1, s.kvHeads(), s.headDim(), s.dtype()).id();
        int chunk = Math.max(1, (1 << 20) / (s.kvHeads() * s.headDim()));
        int pos = 0;
        while (pos < length) {
            int n = Math.min(chunk, length - pos);
            float[] k = new float[n * s.kvHeads() * s.headDim()], v = new float[k.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) random.nextGaussian();
                v[i] = (float) random.nextGaussian();
            }
            store.append(id, 0, pos, n, k, v);
            pos += n;
        }
        return id;
    }

    /** Streams layer 0 of {@code id} ({@code [len][H][D]} K then V) over {@code link} into {@code host}. */
    private void fetch(UUID id, EmulatedLink link, MemorySegment host) {
        try (LayerView view = store.openLayer(id, 0, -1)) {
            OutputStream sink = new OutputStream() {
                long at;

                @Override
                public void write(int b) {
                    host.set(ValueLayout.JAVA_BYTE, at++, (byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    MemorySegment.copy(b, off, host, ValueLayout.JAVA_BYTE, at, len);
                    at += len;
                }
            };
            view.writeTo(link.wrap(sink));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fetch path for one query over all stored tokens of layer 0: K and V cross {@code link} into host memory,
     * then the host computes; returns the output.
     */
    public float[] fetchAndAttend(AttentionQuery query, EmulatedLink link) {
        SequenceInfo info = store.info(query.sequence());
        try (Arena arena = Arena.ofShared()) {
            return fetchAndAttend(query, link,
                    arena.allocate(2L * info.layerLengths()[0] * info.layout().tokenBytes(), 64));
        }
    }

    /**
     * {@link #fetchAndAttend(AttentionQuery, EmulatedLink)} into a caller's reusable host buffer of at least
     * {@code 2 · length · tokenBytes} bytes.
     */
    public float[] fetchAndAttend(AttentionQuery query, EmulatedLink link, MemorySegment host) {
        SequenceInfo info = store.info(query.sequence());
        int length = info.layerLengths()[0];
        long bytes = 2L * length * info.layout().tokenBytes();
        if (host.byteSize() < bytes) {
            throw new IllegalArgumentException("host: needs " + bytes + " bytes, has " + host.byteSize());
        }
        fetch(query.sequence(), link, host);
        return hostAttention(new MemorySegment[]{host}, List.of(query), info.layout(), length)[0];
    }

    /**
     * Host attention over fetched {@code [len][H][D]} K then V in host memory, with the same kernels and pool as
     * in-storage attention: the native fold (strided rows) where it is available, else the Java kernel.
     */
    private float[][] hostAttention(MemorySegment[] host, List<AttentionQuery> queries, KvLayout lay, int length) {
        int h = lay.kvHeads(), d = lay.headDim();
        long half = (long) length * lay.tokenBytes();
        float[][] outs = new float[host.length][];
        for (int b = 0; b < host.length; b++) {
            outs[b] = new float[queries.get(b).q().length];
        }
        pool.parallelFor(host.length * h, task -> {
            int b = task / h, g = task % h;
            float[] q = queries.get(b).q();
            int group = q.length / d / h;
            MemorySegment seg = host[b];
            PagedAttention.Scan scan = PagedAttention.scratch(group, d);
            long keys = (long) g * lay.rowBytes(), values = half + keys;
            float scale = (float) (1 / Math.sqrt(d));
            NativePagedAttention.Batch rows = new NativePagedAttention.Batch();
            if (attention.nativeKernel()
                    && rows.add(seg, keys, seg, values, length, lay.rowBytes(), lay.tokenBytes(), 0)) {
                scan.fold(q, g * group * d, group, scale, lay.format(), rows);
            } else {
                scan.add(q, g * group * d, seg, keys, seg, values, lay.tokenBytes(), length, lay.format(),
                        ByteOrder.LITTLE_ENDIAN, scale);
            }
            DecodeAttention.Partial p = new DecodeAttention.Partial(group, d);
            scan.mergeInto(p, 0);
            p.finish(outs[b], g * group * d);
        });
        return outs;
    }

    /** Bytes the store needs for a point (for limits). */
    public static long storeBytes(Setup s, int length, int batch) {
        return 2L * length * s.kvHeads() * s.headDim() * s.dtype().bytes() * batch;
    }

}

package io.mlsyslab.storage.attention;

import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.DecodeAttention;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.NativePagedAttention;
import io.mlsyslab.nn.kernel.PagedAttention;
import io.mlsyslab.nn.kernel.SegmentVectors;
import io.mlsyslab.storage.kv.KvLayout;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.LayerView;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decode attention computed next to the data: {@code softmax(q·Kᵀ/√D)·V} over a stored layer, reading the mapped
 * pages in place with nn-core's paged split-softmax kernel ({@link PagedAttention.Scan}: pages scored,
 * exponentiated and accumulated block-wise; the mapped pages of a task in one call of the native fold where
 * {@link NativePagedAttention#available()}, pages held in memory and every page otherwise by the Java kernel) and
 * merging the per-task partials with {@link DecodeAttention.Partial#merge}. Query head {@code j} reads kv-head
 * {@code j / (qHeads / kvHeads)}.
 *
 * <p>Work is split into tasks of (sequence, run of {@value #PAGES_PER_TASK} pages of every kv-head) and spread over
 * a {@link ComputePool}; the tasks' partials are merged in page order, so the thread count and the rest of a batch do
 * not change the arithmetic (results agree to rounding: {@code Math.exp} and vector lane sums may round differently
 * in interpreted and compiled code).
 *
 * <p><b>Sparse mode</b> ({@code keep < 1}), a page-level form of SparF: per kv-head each page gets an approximate
 * score, the largest over its tokens and the group's query heads of {@code Σ_{i∈top} q_i k_i} where {@code top}
 * are the {@code max(1, D/8)} channels of largest {@code |q_i|}; the {@code ceil(keep × pages)} best pages and
 * always the last (most recent) page are kept and attended exactly; the others are skipped. No mean-of-V
 * correction is applied. With {@code measureError} the dense result is also computed and the relative error
 * reported.
 */
public final class InStorageAttention {
    /** Pages one task folds into its partial before the partials are merged in page order. */
    static final int PAGES_PER_TASK = 16;
    private static final ThreadLocal<NativePagedAttention.Batch> BATCH =
            ThreadLocal.withInitial(NativePagedAttention.Batch::new);
    private final KvStore store;
    private final ComputePool pool;
    private final boolean nativeKernel;

    /** Folds mapped pages with nn-core's native kernel where {@link NativePagedAttention#available()}. */
    public InStorageAttention(KvStore store, ComputePool pool) {
        this(store, pool, NativePagedAttention.available());
    }

    /** With {@code nativeKernel} false every page is folded by the Java kernel (for comparisons). */
    public InStorageAttention(KvStore store, ComputePool pool, boolean nativeKernel) {
        if (nativeKernel && !NativePagedAttention.available()) {
            throw new IllegalArgumentException("nativeKernel: unavailable, "
                    + NativePagedAttention.unavailableReason());
        }
        this.store = store;
        this.pool = pool;
        this.nativeKernel = nativeKernel;
    }

    /** Whether mapped pages are folded by the native kernel. */
    public boolean nativeKernel() {
        return nativeKernel;
    }

    public ComputePool pool() {
        return pool;
    }

    /** Attention of one query; {@code keep} in (0, 1] (1 = dense). */
    public AttentionResult attend(AttentionQuery query, int layer, double keep, boolean measureError) {
        return attendBatch(List.of(query), layer, keep, measureError).getFirst();
    }

    /**
     * Attention of many queries at the same layer in one pass over the pool. Must run on a thread that may block
     * (it holds the store's read lock while computing).
     */
    public List<AttentionResult> attendBatch(List<AttentionQuery> queries, int layer, double keep,
                                             boolean measureError) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("sparsity: keep fraction must be in (0, 1], was " + keep);
        }
        if (queries.isEmpty()) {
            return List.of();
        }
        List<LayerView> views = new ArrayList<>(queries.size());
        try {
            for (int i = 0; i < queries.size(); i++) {
                AttentionQuery q = queries.get(i);
                LayerView view = store.openLayer(q.sequence(), layer, q.length());
                views.add(view);
                check(view, q.q(), i, queries.size() > 1);
            }
            if (keep >= 1) {
                return compute(queries, views, 1.0);
            }
            List<AttentionResult> sparse = compute(queries, views, keep);
            List<AttentionResult> dense = measureError ? compute(queries, views, 1.0) : null;
            List<AttentionResult> out = new ArrayList<>(sparse.size());
            for (int i = 0; i < sparse.size(); i++) {
                AttentionResult s = sparse.get(i);
                out.add(new AttentionResult(s.out(), s.length(), s.bytesScanned(), s.pagesKept(), s.pagesTotal(),
                        measureError ? relativeError(s.out(), dense.get(i).out()) : Double.NaN));
            }
            return out;
        } finally {
            for (LayerView v : views) {
                v.close();
            }
        }
    }

    private static void check(LayerView view, float[] q, int index, boolean batched) {
        KvLayout lay = view.layout();
        String where = batched ? "items[" + index + "]." : "";
        if (view.length() == 0) {
            throw new IllegalArgumentException(where + "length: layer " + view.layer()
                    + " holds no tokens; attention needs at least one");
        }
        int d = lay.headDim();
        if (q.length == 0 || q.length % d != 0 || (q.length / d) % lay.kvHeads() != 0) {
            throw new IllegalArgumentException(where + "q: must hold qHeads × " + d
                    + " floats with qHeads a multiple of kvHeads=" + lay.kvHeads() + ", got " + q.length);
        }
    }

    private List<AttentionResult> compute(List<AttentionQuery> queries, List<LayerView> views, double keep) {
        // tasks: (query, run of PAGES_PER_TASK pages, all kv-heads); fixed runs make the merge order, hence the
        // result, independent of the thread count and of the other queries of a batch. Inside a run the pages are
        // visited page-major (all kv-heads of page p, then p + 1): the store seals page p of every head together,
        // so this order reads each channel file nearly sequentially instead of jumping 4 KiB at a time.
        List<int[]> tasks = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            int pages = views.get(i).pages();
            for (int from = 0; from < pages; from += PAGES_PER_TASK) {
                tasks.add(new int[]{i, from, Math.min(pages, from + PAGES_PER_TASK)});
            }
        }
        DecodeAttention.Partial[] partials = new DecodeAttention.Partial[tasks.size()];
        long[] scanned = new long[tasks.size()];
        int[] keptPerTask = new int[tasks.size()];
        boolean[][][] keepMask = new boolean[queries.size()][][];
        if (keep < 1) {
            // the page filter needs all pages of a kv-head at once: choose first (parallel per query × kv-head)
            List<int[]> heads = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                keepMask[i] = new boolean[views.get(i).layout().kvHeads()][];
                for (int g = 0; g < views.get(i).layout().kvHeads(); g++) {
                    heads.add(new int[]{i, g});
                }
            }
            pool.parallelFor(heads.size(), t -> {
                int i = heads.get(t)[0], g = heads.get(t)[1];
                keepMask[i][g] = selectPages(views.get(i), queries.get(i).q(), g, keep);
            });
        }
        pool.parallelFor(tasks.size(), t -> {
            int[] task = tasks.get(t);
            int i = task[0];
            LayerView v = views.get(i);
            KvLayout lay = v.layout();
            float[] q = queries.get(i).q();
            int d = lay.headDim(), kvHeads = lay.kvHeads();
            int qHeads = q.length / d, group = qHeads / kvHeads;
            float scale = (float) (1.0 / Math.sqrt(d));
            PagedAttention.Scan scan = PagedAttention.scratch(qHeads, d);
            long bytes = 0;
            int used = 0;
            int[] units = fileOrder(v, task[1], task[2]);
            int count = 0;
            for (int unit : units) {
                if (keep >= 1 || keepMask[i][unit % kvHeads][task[1] + unit / kvHeads]) {
                    units[count++] = unit;
                }
            }
            NativePagedAttention.Batch batch = BATCH.get();
            batch.clear();
            for (int k = 0; k < count; k++) {
                int page = task[1] + units[k] / kvHeads, g = units[k] % kvHeads;
                int n = v.tokens(page);
                MemorySegment keys = v.segment(0, g, page), values = v.segment(1, g, page);
                long keyOff = v.offset(0, g, page), valueOff = v.offset(1, g, page);
                if (!nativeKernel || !batch.add(keys, keyOff, values, valueOff, n, lay.rowBytes(), g)) {
                    // a page held in memory (the open tail) or no native kernel: fold in order, in Java
                    scan.fold(q, 0, group, scale, lay.format(), batch);
                    batch.clear();
                    scan.add(q, g * group * d, g * group, group, keys, keyOff, values, valueOff, lay.rowBytes(), n,
                            lay.format(), ByteOrder.LITTLE_ENDIAN, scale);
                }
                bytes += 2L * n * lay.rowBytes();
                used++;
            }
            scan.fold(q, 0, group, scale, lay.format(), batch);
            batch.clear();
            DecodeAttention.Partial p = new DecodeAttention.Partial(qHeads, d);
            scan.mergeInto(p, 0);
            partials[t] = p;
            scanned[t] = bytes;
            keptPerTask[t] = used;
        });
        List<AttentionResult> results = new ArrayList<>(queries.size());
        int t = 0;
        for (int i = 0; i < queries.size(); i++) {
            LayerView v = views.get(i);
            KvLayout lay = v.layout();
            float[] q = queries.get(i).q();
            float[] out = new float[q.length];
            long bytes = keep < 1 ? approxBytes(v) * lay.kvHeads() : 0;
            int keptPages = 0;
            DecodeAttention.Partial merged = new DecodeAttention.Partial(q.length / lay.headDim(), lay.headDim());
            while (t < tasks.size() && tasks.get(t)[0] == i) {
                merged.merge(partials[t]);
                bytes += scanned[t];
                keptPages += keptPerTask[t];
                t++;
            }
            merged.finish(out, 0);
            store.countScanned(bytes);
            results.add(new AttentionResult(out, v.length(), bytes, keptPages, v.pages() * lay.kvHeads(),
                    keep < 1 ? Double.NaN : 0.0));
        }
        return results;
    }

    /**
     * The (page, kv-head) units of pages {@code [from, to)}, numbered {@code (page - from) · kvHeads + head}, in the
     * order their key pages lie in the channel files (channel, then slot; pages held in memory last). The store
     * seals page p of every kv-head together, K then V, so this order reads each file nearly front to back: on a
     * page-cached store a 4 KiB-granular jump from file to file costs about half the read bandwidth (TLB and
     * prefetcher restarts), see benchmarks/STORAGE-BENCHMARKS.md. The order depends only on the view, so results
     * stay independent of the thread count.
     */
    public static int[] fileOrder(LayerView v, int from, int to) {
        int heads = v.layout().kvHeads();
        int units = (to - from) * heads;
        int[] order = new int[units];
        long[] keys = new long[units];
        boolean packable = units < 1 << 21;
        for (int u = 0; u < units && packable; u++) {
            long at = v.keyLocation(u % heads, from + u / heads);
            long channel = at < 0 ? 0 : at >>> 32;
            packable = channel < 1 << 11;
            // channel (11 bits) and slot (31 bits) above the unit number (21 bits); in-memory pages last
            long loc = at < 0 ? (1L << 42) - 1 : (channel << 31) | (at & 0x7fffffffL);
            keys[u] = (loc << 21) | u;
        }
        if (!packable) {
            for (int u = 0; u < units; u++) {
                order[u] = u;
            }
            return order;
        }
        Arrays.sort(keys);
        for (int u = 0; u < units; u++) {
            order[u] = (int) (keys[u] & ((1 << 21) - 1));
        }
        return order;
    }

    private static long approxBytes(LayerView v) {
        KvLayout lay = v.layout();
        return (long) v.length() * channelsKept(lay.headDim()) * lay.format().bytes();
    }

    private static int channelsKept(int d) {
        return Math.max(1, d / 8);
    }

    /** Page filter of the sparse mode for kv-head g: which pages to attend exactly. */
    static boolean[] selectPages(LayerView v, float[] q, int g, double keep) {
        KvLayout lay = v.layout();
        int d = lay.headDim();
        int group = q.length / d / lay.kvHeads();
        int pages = v.pages();
        int c = channelsKept(d);
        int[][] top = new int[group][];
        for (int j = 0; j < group; j++) {
            top[j] = topChannels(q, (g * group + j) * d, d, c);
        }
        KvFormat f = lay.format();
        float[] score = new float[pages];
        for (int page = 0; page < pages; page++) {
            MemorySegment k = v.keys(g, page);
            float best = Float.NEGATIVE_INFINITY;
            for (int tok = 0; tok < v.tokens(page); tok++) {
                long row = (long) tok * lay.rowBytes();
                for (int j = 0; j < group; j++) {
                    int qOff = (g * group + j) * d;
                    float s = 0;
                    for (int ch : top[j]) {
                        s += q[qOff + ch] * SegmentVectors.get(k, row + (long) ch * f.bytes(), f,
                                ByteOrder.LITTLE_ENDIAN);
                    }
                    best = Math.max(best, s);
                }
            }
            score[page] = best;
        }
        int want = Math.max(1, (int) Math.ceil(keep * pages));
        boolean[] mask = new boolean[pages];
        mask[pages - 1] = true;
        Integer[] order = new Integer[pages];
        for (int i = 0; i < pages; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(score[b], score[a]));
        int chosen = 1;
        for (int i = 0; i < pages && chosen < want; i++) {
            if (!mask[order[i]]) {
                mask[order[i]] = true;
                chosen++;
            }
        }
        return mask;
    }

    private static int[] topChannels(float[] q, int off, int d, int c) {
        Integer[] idx = new Integer[d];
        for (int i = 0; i < d; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(Math.abs(q[off + b]), Math.abs(q[off + a])));
        int[] top = new int[c];
        for (int i = 0; i < c; i++) {
            top[i] = idx[i];
        }
        return top;
    }

    static double relativeError(float[] a, float[] ref) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            double e = a[i] - ref[i];
            num += e * e;
            den += (double) ref[i] * ref[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}

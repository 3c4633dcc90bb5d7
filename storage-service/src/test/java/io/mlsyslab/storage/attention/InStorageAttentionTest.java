package io.mlsyslab.storage.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mlsyslab.nn.json.Json;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.ReferenceKernels;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.RowCodec;
import io.mlsyslab.storage.kv.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InStorageAttentionTest {
    @TempDir
    Path dir;
    private KvStore store;
    private ComputePool pool;
    private InStorageAttention attention;
    private final SplittableRandom random = new SplittableRandom(5);

    @BeforeEach
    void open() throws IOException {
        store = KvStore.open(new StoreConfig(dir, 3, 512, 8, 0.25, 1 << 20));
        pool = new ComputePool(3);
        attention = new InStorageAttention(store, pool);
    }

    @AfterEach
    void close() throws IOException {
        pool.close();
        store.close();
    }

    private float[] rand(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * scale);
        }
        return a;
    }

    /** Reference over [len][H][D] K and V for one query, via nn-core's scalar double reference (last row). */
    private static float[] reference(float[] q, float[] k, float[] v, int len, int hq, int h, int d) {
        float[] qs = new float[len * hq * d];
        System.arraycopy(q, 0, qs, (len - 1) * hq * d, hq * d);
        float[] out = new float[len * hq * d];
        ReferenceKernels.causalAttention(qs, k, v, out, len, hq, h, d);
        float[] last = new float[hq * d];
        System.arraycopy(out, (len - 1) * hq * d, last, 0, hq * d);
        return last;
    }

    private static void assertRelClose(float[] actual, float[] expected, double rel, String what) {
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s index %d", what, i)
                    .isCloseTo(expected[i], within(rel * Math.max(scale, 1e-30)));
        }
    }

    @Test
    void matchesCommittedNumpyVectors() throws IOException {
        Map<String, Object> manifest;
        try (InputStream in = getClass().getResourceAsStream("/kv-attention/cases.json")) {
            manifest = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) manifest.get("cases");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            KvFormat f = KvFormat.fromName("dtype", (String) c.get("dtype"));
            int h = ((Number) c.get("kvHeads")).intValue(), hq = ((Number) c.get("qHeads")).intValue();
            int d = ((Number) c.get("headDim")).intValue();
            @SuppressWarnings("unchecked")
            List<Number> chunks = (List<Number>) c.get("chunks");
            int len = chunks.stream().mapToInt(Number::intValue).sum();
            ByteBuffer buf;
            try (InputStream in = getClass().getResourceAsStream("/kv-attention/" + c.get("file"))) {
                buf = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            }
            float[] k = new float[len * h * d], v = new float[len * h * d], q = new float[hq * d],
                    expected = new float[hq * d];
            for (float[] a : new float[][]{k, v, q, expected}) {
                buf.asFloatBuffer().get(a);
                buf.position(buf.position() + a.length * 4);
            }
            UUID id = store.create(null, 1, h, d, f).id();
            int pos = 0;
            for (Number n : chunks) {
                int t = n.intValue();
                float[] kc = new float[t * h * d], vc = new float[t * h * d];
                System.arraycopy(k, pos * h * d, kc, 0, kc.length);
                System.arraycopy(v, pos * h * d, vc, 0, vc.length);
                store.append(id, 0, pos, t, kc, vc);
                pos += t;
            }
            AttentionResult r = attention.attend(new AttentionQuery(id, q, -1), 0, 1.0, false);
            assertThat(r.length()).isEqualTo(len);
            assertThat(r.bytesScanned()).isEqualTo(2L * len * h * d * f.bytes());
            // K/V are stored exactly (the vectors were rounded to the dtype): 1e-5 relative in every format
            assertRelClose(r.out(), expected, 1e-5, name);
            assertRelClose(r.out(), reference(q, k, v, len, hq, h, d), 1e-5, name + " vs ReferenceKernels");
        }
    }

    @Test
    void matchesReferenceAcrossGqaRatiosPageBoundariesAndFormats() {
        int d = 24;
        for (KvFormat f : KvFormat.values()) {
            int t = 512 / (d * f.bytes());
            for (int[] heads : new int[][]{{1, 1}, {2, 2}, {2, 4}, {1, 6}, {3, 12}}) {
                int h = heads[0], hq = heads[1];
                for (int len : new int[]{1, t - 1, t, t + 1, 3 * t + 2}) {
                    float[] k = rand(len * h * d, 1.5), v = rand(len * h * d, 1);
                    UUID id = store.create(null, 2, h, d, f).id();
                    store.append(id, -1, 0, len, concat(rand(len * h * d, 1), k), concat(rand(len * h * d, 1), v));
                    float[] q = rand(hq * d, 1);
                    float[] out = attention.attend(new AttentionQuery(id, q, -1), 1, 1.0, false).out();
                    float[] kr = rounded(k, f), vr = rounded(v, f);
                    String what = f + " " + h + "/" + hq + " len " + len;
                    assertRelClose(out, reference(q, kr, vr, len, hq, h, d), 1e-5, what + " (stored values)");
                    // the Java kernel on every page (where the native one folds the mapped pages by default)
                    float[] java = new InStorageAttention(store, pool, false)
                            .attend(new AttentionQuery(id, q, -1), 1, 1.0, false).out();
                    assertRelClose(java, out, 1e-5, what + " Java kernel vs default");
                    double bound = switch (f) {
                        case F32 -> 1e-5;
                        case F16 -> 4e-3;
                        case BF16 -> 4e-2;
                    };
                    assertRelClose(out, reference(q, k, v, len, hq, h, d), bound, what + " (fp32 values)");
                    // a prefix: attend over the first len-1 tokens only
                    if (len > 1) {
                        float[] prefix = attention.attend(new AttentionQuery(id, q, len - 1), 1, 1.0, false).out();
                        assertRelClose(prefix, reference(q, kr, vr, len - 1, hq, h, d), 1e-5, what + " prefix");
                    }
                }
            }
        }
    }

    @Test
    void afterARestartTailsReplayedFromTheManifestGiveTheSameResult() throws IOException {
        // appends in uneven pieces leave open tails (persisted in the manifest, not in pages); after close and
        // reopen the tails come back from the log and the paged kernel reads them from heap segments
        int d = 40;
        for (KvFormat f : KvFormat.values()) {
            int t = 512 / (d * f.bytes());
            for (int[] heads : new int[][]{{1, 1}, {2, 6}}) {
                int h = heads[0], hq = heads[1];
                for (int len : new int[]{1, t - 1, t + 1, 4 * t + 3}) {
                    float[] k = rand(len * h * d, 1), v = rand(len * h * d, 1), q = rand(hq * d, 1);
                    UUID id = store.create(null, 1, h, d, f).id();
                    for (int pos = 0; pos < len; ) {
                        int n = Math.min(len - pos, 1 + pos % 3);
                        float[] kc = new float[n * h * d], vc = new float[n * h * d];
                        System.arraycopy(k, pos * h * d, kc, 0, kc.length);
                        System.arraycopy(v, pos * h * d, vc, 0, vc.length);
                        store.append(id, 0, pos, n, kc, vc);
                        pos += n;
                    }
                    float[] before = attention.attend(new AttentionQuery(id, q, -1), 0, 1.0, false).out();
                    store.close();
                    store = KvStore.open(new StoreConfig(dir, 3, 512, 8, 0.25, 1 << 20));
                    attention = new InStorageAttention(store, pool);
                    float[] after = attention.attend(new AttentionQuery(id, q, -1), 0, 1.0, false).out();
                    String what = f + " " + h + "/" + hq + " len " + len;
                    assertThat(after).as(what).containsExactly(before);
                    assertRelClose(after, reference(q, rounded(k, f), rounded(v, f), len, hq, h, d), 1e-5, what);
                }
            }
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = new float[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static float[] rounded(float[] x, KvFormat f) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = RowCodec.round(x[i], f);
        }
        return r;
    }

    @Test
    void batchedEqualsOneByOneAndThreadCountDoesNotMatter() {
        List<AttentionQuery> queries = new ArrayList<>();
        int d = 32;
        for (int i = 0; i < 5; i++) {
            int h = 1 + i % 2, len = 1 + 97 * i;
            UUID id = store.create(null, 1, h, d, KvFormat.F16).id();
            store.append(id, 0, 0, len, rand(len * h * d, 1), rand(len * h * d, 1));
            queries.add(new AttentionQuery(id, rand(4 * d, 1), -1));
        }
        List<AttentionResult> batch = attention.attendBatch(queries, 0, 1.0, false);
        InStorageAttention serial = new InStorageAttention(store, ComputePool.serial());
        for (int i = 0; i < queries.size(); i++) {
            // same tasks and merge order; only Math.exp / lane reductions may round differently once JIT-compiled
            assertRelClose(batch.get(i).out(), serial.attend(queries.get(i), 0, 1.0, false).out(), 1e-6, "item " + i);
        }
    }

    @Test
    void emptyLayersAndBadQueriesAreRejected() {
        UUID id = store.create(null, 2, 2, 8, KvFormat.F32).id();
        assertThatThrownBy(() -> attention.attend(new AttentionQuery(id, new float[16], -1), 0, 1.0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("length:");
        store.append(id, 0, 0, 3, rand(48, 1), rand(48, 1));
        assertThatThrownBy(() -> attention.attend(new AttentionQuery(id, new float[16], -1), 1, 1.0, false))
                .hasMessageStartingWith("length:");
        assertThatThrownBy(() -> attention.attend(new AttentionQuery(id, new float[24], -1), 0, 1.0, false))
                .hasMessageStartingWith("q:");
        assertThatThrownBy(() -> attention.attend(new AttentionQuery(id, new float[16], -1), 2, 1.0, false))
                .hasMessageStartingWith("layer:");
        assertThatThrownBy(() -> attention.attend(new AttentionQuery(id, new float[16], -1), 0, 0.0, false))
                .hasMessageStartingWith("sparsity:");
        assertThatThrownBy(() -> attention.attendBatch(List.of(new AttentionQuery(id, new float[16], -1),
                new AttentionQuery(id, new float[15], -1)), 0, 1.0, false)).hasMessageStartingWith("items[1].q:");
        // a failed call leaves no read lock behind: an exclusive operation still proceeds
        store.delete(id);
    }

    @Test
    void sparseModeKeepsTheRequestedPagesAndReportsItsError() {
        int h = 2, hq = 4, d = 32, len = 200; // f32 D=32: 4 tokens per 512-byte page -> 50 pages per kv-head
        UUID id = store.create(null, 1, h, d, KvFormat.F32).id();
        float[] k = rand(len * h * d, 0.3), v = rand(len * h * d, 1);
        float[] q = rand(hq * d, 1);
        // make tokens 40..43 strongly aligned with every query: the page holding them must be kept
        for (int t = 40; t < 44; t++) {
            for (int g = 0; g < h; g++) {
                for (int i = 0; i < d; i++) {
                    k[(t * h + g) * d + i] = 3 * (q[(g * 2) * d + i] + q[(g * 2 + 1) * d + i]);
                }
            }
        }
        store.append(id, 0, 0, len, k, v);
        AttentionResult dense = attention.attend(new AttentionQuery(id, q, -1), 0, 1.0, true);
        assertThat(dense.sparseError()).isZero();
        assertThat(dense.pagesKept()).isEqualTo(dense.pagesTotal()).isEqualTo(100);
        AttentionResult all = attention.attend(new AttentionQuery(id, q, -1), 0, 1.0, true);
        assertThat(all.out()).containsExactly(dense.out());
        AttentionResult sparse = attention.attend(new AttentionQuery(id, q, -1), 0, 0.125, true);
        assertThat(sparse.pagesKept()).isEqualTo(2 * 7);
        assertThat(sparse.pagesTotal()).isEqualTo(100);
        assertThat(sparse.bytesScanned()).isLessThan(dense.bytesScanned() / 4);
        assertThat(sparse.sparseError()).isFinite().isLessThan(0.05);
        assertThat(InStorageAttention.relativeError(sparse.out(), dense.out())).isEqualTo(sparse.sparseError());
        AttentionResult unmeasured = attention.attend(new AttentionQuery(id, q, -1), 0, 0.125, false);
        assertThat(unmeasured.sparseError()).isNaN();
        assertThat(unmeasured.out()).containsExactly(sparse.out());
    }
}

package io.mlsyslab.nn.kernel;

import static io.mlsyslab.nn.kernel.DecodeReference.assertRelClose;
import static io.mlsyslab.nn.kernel.DecodeReference.lastRow;
import static io.mlsyslab.nn.kernel.DecodeReference.put;
import static io.mlsyslab.nn.kernel.DecodeReference.rounded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The native page fold ({@code src/main/c}) against the scalar double reference and against the Java kernel it
 * stands in for, on off-heap pages at odd addresses, across formats, grouped-query ratios, head sizes that are not
 * a multiple of the vector width and pages longer than the kernel's 64-row block.
 */
class NativePagedAttentionTest {
    private final SplittableRandom random = new SplittableRandom(5);

    private float[] rand(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * scale);
        }
        return a;
    }

    /** Rows {@code from .. from+tokens} of kv head g, little-endian, after 8 bytes of lead-in (odd alignment). */
    private static MemorySegment page(Arena arena, float[] x, int from, int tokens, int nKv, int g, int hd,
                                      KvFormat format) {
        MemorySegment seg = arena.allocate(8 + (long) tokens * hd * format.bytes(), 1);
        for (int j = 0; j < tokens; j++) {
            for (int d = 0; d < hd; d++) {
                put(seg, 8 + (long) (j * hd + d) * format.bytes(), x[((from + j) * nKv + g) * hd + d], format,
                        ByteOrder.LITTLE_ENDIAN);
            }
        }
        return seg;
    }

    private static float[] finish(PagedAttention.Scan scan, int nHead, int hd) {
        DecodeAttention.Partial p = new DecodeAttention.Partial(nHead, hd);
        scan.mergeInto(p, 0);
        float[] out = new float[nHead * hd];
        p.finish(out, 0);
        return out;
    }

    @Test
    void whereTheLibraryWasBuiltItLoads() {
        boolean built = NativePagedAttention.class.getResource(NativePagedAttention.RESOURCE) != null;
        String arch = System.getProperty("os.arch");
        assumeTrue(built && (arch.equals("amd64") || arch.equals("x86_64")), "native kernel not built here");
        assumeTrue(!NativePagedAttention.unavailableReason().contains("lacks"), "CPU without AVX2/FMA/F16C");
        assertThat(NativePagedAttention.available()).as(NativePagedAttention.unavailableReason()).isTrue();
    }

    @Test
    void foldMatchesTheReferenceAndTheJavaKernelWithAvx2AndAvx512() {
        assumeTrue(NativePagedAttention.available(), NativePagedAttention::unavailableReason);
        try {
            assertThat(NativePagedAttention.useWide(false)).isFalse();
            foldMatchesTheReferenceAndTheJavaKernel("AVX2");
        } finally {
            NativePagedAttention.useWide(true);
        }
        if (NativePagedAttention.useWide(true)) {
            foldMatchesTheReferenceAndTheJavaKernel("AVX-512");
        }
    }

    private void foldMatchesTheReferenceAndTheJavaKernel(String width) {
        try (Arena arena = Arena.ofConfined()) {
            for (KvFormat f : KvFormat.values()) {
                for (int hd : new int[]{128, 64, 24, 5}) {
                    // the longest page a 4 KiB store page holds for this row size (more rows than the C block of 64
                    // for small heads), and short odd pages
                    int fullPage = 4096 / (hd * f.bytes());
                    for (int pageTokens : new int[]{fullPage, 7, 1}) {
                        for (int[] heads : new int[][]{{1, 1}, {2, 4}, {3, 12}, {2, 16}}) {
                            int nKv = heads[0], nHead = heads[1], group = nHead / nKv;
                            int len = pageTokens == 1 ? 5 : 2 * pageTokens + 3;
                            float[] k = rand(len * nKv * hd, 1.5), v = rand(len * nKv * hd, 1);
                            float[] q = rand(nHead * hd, 1);
                            float scale = (float) (1 / Math.sqrt(hd));
                            String what = width + " " + f + " hd " + hd + " page " + pageTokens + " " + nKv + "/"
                                    + nHead;
                            PagedAttention.Scan nat = new PagedAttention.Scan(nHead, hd);
                            PagedAttention.Scan java = new PagedAttention.Scan(nHead, hd);
                            NativePagedAttention.Batch batch = new NativePagedAttention.Batch();
                            for (int from = 0; from < len; from += pageTokens) {
                                int n = Math.min(pageTokens, len - from);
                                for (int g = nKv - 1; g >= 0; g--) { // any head order: each head has its state
                                    MemorySegment ks = page(arena, k, from, n, nKv, g, hd, f);
                                    MemorySegment vs = page(arena, v, from, n, nKv, g, hd, f);
                                    assertThat(batch.add(ks, 8, vs, 8, n, (long) hd * f.bytes(), g)).isTrue();
                                    java.add(q, g * group * hd, g * group, group, ks, 8, vs, 8,
                                            (long) hd * f.bytes(), n, f, ByteOrder.LITTLE_ENDIAN, scale);
                                }
                            }
                            nat.fold(q, 0, group, scale, f, batch);
                            float[] out = finish(nat, nHead, hd);
                            assertRelClose(out, lastRow(q, rounded(k, f), rounded(v, f), len, nHead, nKv, hd), 1e-5,
                                    what + " vs reference");
                            assertRelClose(out, finish(java, nHead, hd), 1e-5, what + " vs Java kernel");
                            if (pageTokens == 7) {
                                // the host layout [len][nKv][hd]: strided rows, one unit per kv-head over every
                                // position, one scan per group reading its queries from q[qOff ..]
                                assertRelClose(strided(arena, q, k, v, len, nKv, nHead, hd, f), out, 1e-5,
                                        what + " strided vs paged");
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] strided(Arena arena, float[] q, float[] k, float[] v, int len, int nKv, int nHead, int hd,
                                   KvFormat f) {
        MemorySegment ks = page(arena, k, 0, len * nKv, 1, 0, hd, f); // [len·nKv][hd] = [len][nKv][hd]
        MemorySegment vs = page(arena, v, 0, len * nKv, 1, 0, hd, f);
        int group = nHead / nKv;
        float[] out = new float[nHead * hd];
        for (int g = 0; g < nKv; g++) {
            PagedAttention.Scan scan = PagedAttention.scratch(group, hd);
            NativePagedAttention.Batch batch = new NativePagedAttention.Batch();
            long row = (long) hd * f.bytes();
            assertThat(batch.add(ks, 8 + g * row, vs, 8 + g * row, len, row, nKv * row, 0)).isTrue();
            scan.fold(q, g * group * hd, group, (float) (1 / Math.sqrt(hd)), f, batch);
            DecodeAttention.Partial p = new DecodeAttention.Partial(group, hd);
            scan.mergeInto(p, 0);
            p.finish(out, g * group * hd);
        }
        return out;
    }

    @Test
    void nativeAndJavaFoldsShareOneScanAndALaterMaximumRescalesEverythingBefore() {
        assumeTrue(NativePagedAttention.available(), NativePagedAttention::unavailableReason);
        // the store's case: mapped pages folded natively, then the open tail (on the heap) by the Java kernel; a key
        // aligned with q in the last native page dominates, forcing the block rescale of all earlier pages
        int hd = 32, len = 200, pageTokens = 16;
        float[] k = rand(len * hd, 0.1), v = rand(len * hd, 1), q = rand(hd, 1);
        for (int d = 0; d < hd; d++) {
            k[180 * hd + d] = q[d] * 40;
        }
        try (Arena arena = Arena.ofConfined()) {
            PagedAttention.Scan scan = new PagedAttention.Scan(1, hd);
            NativePagedAttention.Batch batch = new NativePagedAttention.Batch();
            int from = 0;
            for (; from + pageTokens <= len; from += pageTokens) {
                batch.add(page(arena, k, from, pageTokens, 1, 0, hd, KvFormat.F32), 8,
                        page(arena, v, from, pageTokens, 1, 0, hd, KvFormat.F32), 8, pageTokens, hd * 4L, 0);
            }
            scan.fold(q, 0, 1, (float) (1 / Math.sqrt(hd)), KvFormat.F32, batch);
            MemorySegment tailK = MemorySegment.ofArray(new float[(len - from) * hd]);
            MemorySegment tailV = MemorySegment.ofArray(new float[(len - from) * hd]);
            MemorySegment.copy(MemorySegment.ofArray(k), (long) from * hd * 4, tailK, 0, tailK.byteSize());
            MemorySegment.copy(MemorySegment.ofArray(v), (long) from * hd * 4, tailV, 0, tailV.byteSize());
            assertThat(batch.add(tailK, 0, tailV, 0, len - from, hd * 4L, 0)).as("heap pages are refused").isFalse();
            scan.add(q, 0, tailK, 0, tailV, 0, hd * 4L, len - from, KvFormat.F32, ByteOrder.nativeOrder(),
                    (float) (1 / Math.sqrt(hd)));
            assertRelClose(finish(scan, 1, hd), lastRow(q, k, v, len, 1, 1, hd), 1e-5, "native then Java");
        }
    }

    @Test
    void rangesOutsideTheSegmentsAndHeadsOutsideTheScanAreRejected() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(4096);
            NativePagedAttention.Batch batch = new NativePagedAttention.Batch();
            assertThatThrownBy(() -> batch.add(seg, 8, seg, 0, 16, 256, 0)).hasMessageStartingWith("keys:");
            assertThatThrownBy(() -> batch.add(seg, 0, seg, -1, 1, 256, 0)).hasMessageStartingWith("values:");
            assertThatThrownBy(() -> batch.add(seg, 0, seg, 0, 1, 256, -1)).hasMessageStartingWith("kvHead:");
            assertThatThrownBy(() -> batch.add(seg, 0, seg, 0, 2, 256, 128, 0)).hasMessageStartingWith("rowStride:");
            assertThat(batch.add(seg, 0, seg, 0, 0, 256, 0)).isTrue();
            assertThat(batch.size()).as("an empty page adds nothing").isZero();
            for (int i = 0; i < 100; i++) { // grows past its first capacity
                assertThat(batch.add(seg, 0, seg, 0, 16, 256, 1)).isTrue();
            }
            assertThat(batch.size()).isEqualTo(100);
            PagedAttention.Scan scan = new PagedAttention.Scan(2, 128);
            assertThatThrownBy(() -> scan.fold(new float[2 * 128], 0, 2, 1f, KvFormat.F16, batch))
                    .hasMessageStartingWith("group:");
            assertThatThrownBy(() -> scan.fold(new float[128], 0, 1, 1f, KvFormat.F16, batch))
                    .hasMessageStartingWith("q:");
        }
    }
}

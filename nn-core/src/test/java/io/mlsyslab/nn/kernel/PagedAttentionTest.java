package io.mlsyslab.nn.kernel;

import static io.mlsyslab.nn.kernel.DecodeReference.assertRelClose;
import static io.mlsyslab.nn.kernel.DecodeReference.lastRow;
import static io.mlsyslab.nn.kernel.DecodeReference.put;
import static io.mlsyslab.nn.kernel.DecodeReference.rounded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paged block kernel against the scalar double reference and against {@link DecodeAttention#accumulate}. */
class PagedAttentionTest {
    private final SplittableRandom random = new SplittableRandom(11);

    private float[] rand(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * scale);
        }
        return a;
    }

    /** Rows {@code from .. from+tokens} of kv head g as one page segment {@code [tokens][hd]} (8 bytes of lead-in). */
    private static MemorySegment page(float[] x, int from, int tokens, int nKv, int g, int hd, KvFormat format,
                                      ByteOrder order, boolean offHeap) {
        long bytes = 8 + (long) tokens * hd * format.bytes();
        MemorySegment seg = offHeap ? java.lang.foreign.Arena.ofAuto().allocate(bytes)
                : MemorySegment.ofArray(new byte[(int) bytes]);
        for (int j = 0; j < tokens; j++) {
            for (int d = 0; d < hd; d++) {
                put(seg, 8 + (long) (j * hd + d) * format.bytes(), x[((from + j) * nKv + g) * hd + d], format, order);
            }
        }
        return seg;
    }

    /** The whole cache position-major {@code [len][nKv][hd]}, as a host copy would hold it. */
    private static MemorySegment interleaved(float[] x, int len, int nKv, int hd, KvFormat format, ByteOrder order) {
        MemorySegment seg = MemorySegment.ofArray(new byte[len * nKv * hd * format.bytes()]);
        for (int i = 0; i < len * nKv * hd; i++) {
            put(seg, (long) i * format.bytes(), x[i], format, order);
        }
        return seg;
    }

    @Test
    void pagedScanMatchesReferenceAcrossFormatsGqaRatiosAndPartialPages() {
        for (KvFormat f : KvFormat.values()) {
            for (int hd : new int[]{128, 24, 5}) {
                int bt = new PagedAttention.Scan(1, hd).blockTokens();
                // pages of a fixed size that is not the kernel's block, so pages, blocks and tails all disagree
                int pageTokens = Math.max(1, bt / 2 + 1);
                for (int[] heads : new int[][]{{1, 1}, {2, 4}, {3, 12}, {2, 16}}) {
                    int nKv = heads[0], nHead = heads[1], group = nHead / nKv;
                    for (int len : new int[]{1, bt - 1, bt, bt + 1, 2 * bt + 3, pageTokens - 1, pageTokens + 1}) {
                        if (len < 1) {
                            continue;
                        }
                        float[] k = rand(len * nKv * hd, 1.5), v = rand(len * nKv * hd, 1), q = rand(nHead * hd, 1);
                        String what = f + " hd " + hd + " " + nKv + "/" + nHead + " len " + len;
                        float[] expected = lastRow(q, rounded(k, f), rounded(v, f), len, nHead, nKv, hd);
                        ByteOrder order = hd == 24 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                        float scale = (float) (1 / Math.sqrt(hd));

                        // 1. pages, visited page-major over the kv heads by one scan holding every group
                        PagedAttention.Scan scan = new PagedAttention.Scan(nHead, hd);
                        for (int from = 0; from < len; from += pageTokens) {
                            int n = Math.min(pageTokens, len - from);
                            for (int g = 0; g < nKv; g++) {
                                boolean offHeap = (from / pageTokens + g) % 2 == 0; // mapped-like and heap tails
                                scan.add(q, g * group * hd, g * group, group,
                                        page(k, from, n, nKv, g, hd, f, order, offHeap), 8,
                                        page(v, from, n, nKv, g, hd, f, order, !offHeap), 8,
                                        (long) hd * f.bytes(), n, f, order, scale);
                            }
                        }
                        DecodeAttention.Partial partial = new DecodeAttention.Partial(nHead, hd);
                        scan.mergeInto(partial, 0);
                        float[] out = new float[nHead * hd];
                        partial.finish(out, 0);
                        assertRelClose(out, expected, 1e-5, what + " paged");

                        // 2. the host layout [len][nKv][hd]: strided rows, one scan per group, scratch reused
                        MemorySegment ks = interleaved(k, len, nKv, hd, f, order);
                        MemorySegment vs = interleaved(v, len, nKv, hd, f, order);
                        float[] out2 = new float[nHead * hd];
                        for (int g = 0; g < nKv; g++) {
                            PagedAttention.Scan s = PagedAttention.scratch(group, hd);
                            long off = (long) g * hd * f.bytes();
                            s.add(q, g * group * hd, ks, off, vs, off, (long) nKv * hd * f.bytes(), len, f, order,
                                    scale);
                            DecodeAttention.Partial p = new DecodeAttention.Partial(group, hd);
                            s.mergeInto(p, 0);
                            p.finish(out2, g * group * hd);
                        }
                        assertRelClose(out2, expected, 1e-5, what + " strided");

                        // 3. the per-position kernel it replaces, on the same pages
                        DecodeAttention.Partial old = new DecodeAttention.Partial(nHead, hd);
                        for (int g = 0; g < nKv; g++) {
                            DecodeAttention.accumulate(q, g * group * hd, group, ks, (long) g * hd * f.bytes(), vs,
                                    (long) g * hd * f.bytes(), (long) nKv * hd * f.bytes(), len, hd, f, order, scale,
                                    old, g * group);
                        }
                        float[] out3 = new float[nHead * hd];
                        old.finish(out3, 0);
                        assertRelClose(out, out3, 1e-5, what + " vs DecodeAttention.accumulate");
                    }
                }
            }
        }
    }

    @Test
    void mappedLikeAndHeapPagesMixedInOneScanGiveTheReference() {
        // full pages off-heap (the store's mapped pages: fp16 widened straight from the segment), the partial last
        // page on the heap (the store's open tail: copied first), in one scan
        for (KvFormat f : KvFormat.values()) {
            int hd = 64, nKv = 2, nHead = 8, group = nHead / nKv;
            int pageTokens = new PagedAttention.Scan(1, hd).blockTokens();
            int len = 5 * pageTokens + 3;
            float[] k = rand(len * nKv * hd, 1.2), v = rand(len * nKv * hd, 1), q = rand(nHead * hd, 1);
            float[] expected = lastRow(q, rounded(k, f), rounded(v, f), len, nHead, nKv, hd);
            PagedAttention.Scan scan = new PagedAttention.Scan(nHead, hd);
            for (int from = 0; from < len; from += pageTokens) {
                int n = Math.min(pageTokens, len - from);
                boolean offHeap = n == pageTokens;
                for (int g = 0; g < nKv; g++) {
                    scan.add(q, g * group * hd, g * group, group,
                            page(k, from, n, nKv, g, hd, f, ByteOrder.LITTLE_ENDIAN, offHeap), 8,
                            page(v, from, n, nKv, g, hd, f, ByteOrder.LITTLE_ENDIAN, offHeap), 8,
                            (long) hd * f.bytes(), n, f, ByteOrder.LITTLE_ENDIAN, (float) (1 / Math.sqrt(hd)));
                }
            }
            DecodeAttention.Partial p = new DecodeAttention.Partial(nHead, hd);
            scan.mergeInto(p, 0);
            float[] out = new float[nHead * hd];
            p.finish(out, 0);
            assertRelClose(out, expected, 1e-5, f + " mixed off-heap and heap pages");
        }
    }

    @Test
    void scoresFarApartStayFiniteAndTheLatestMaximumWins() {
        // a later page with much larger scores forces the once-per-block rescale of everything before it
        int hd = 32, len = 200;
        float[] k = rand(len * hd, 0.1), v = rand(len * hd, 1), q = rand(hd, 1);
        for (int d = 0; d < hd; d++) {
            k[(len - 3) * hd + d] = q[d] * 40; // one key aligned with q: dominates the softmax
        }
        PagedAttention.Scan scan = new PagedAttention.Scan(1, hd);
        for (int from = 0; from < len; from += 16) {
            int n = Math.min(16, len - from);
            scan.add(q, 0, page(k, from, n, 1, 0, hd, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, true), 8,
                    page(v, from, n, 1, 0, hd, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, false), 8, (long) hd * 4, n,
                    KvFormat.F32, ByteOrder.LITTLE_ENDIAN, (float) (1 / Math.sqrt(hd)));
        }
        DecodeAttention.Partial p = new DecodeAttention.Partial(1, hd);
        scan.mergeInto(p, 0);
        float[] out = new float[hd];
        p.finish(out, 0);
        assertRelClose(out, lastRow(q, k, v, len, 1, 1, hd), 1e-5, "dominant key");
    }

    @Test
    void noPositionsChangeNothingAndBadArgumentsAreRejected() {
        PagedAttention.Scan scan = PagedAttention.scratch(4, 8);
        MemorySegment seg = MemorySegment.ofArray(new byte[8 * 4 * 3]);
        float[] q = new float[4 * 8];
        scan.add(q, 0, seg, 0, seg, 0, 32, 0, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, 1f);
        DecodeAttention.Partial p = new DecodeAttention.Partial(4, 8);
        scan.mergeInto(p, 0);
        for (int h = 0; h < 4; h++) {
            assertThat(p.isEmpty(h)).isTrue();
        }
        assertThatThrownBy(() -> scan.add(q, 0, 3, 2, seg, 0, seg, 0, 32, 1, KvFormat.F32,
                ByteOrder.LITTLE_ENDIAN, 1f)).hasMessageStartingWith("head0:");
        assertThatThrownBy(() -> scan.add(q, 0, seg, 0, seg, 0, 16, 1, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, 1f))
                .hasMessageStartingWith("rowStride:");
        assertThatThrownBy(() -> scan.add(q, 0, seg, 0, seg, 0, 32, 4, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, 1f))
                .hasMessageStartingWith("keys:");
        assertThatThrownBy(() -> scan.add(q, 0, seg, 0, seg, 8, 32, 3, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, 1f))
                .hasMessageStartingWith("values:");
        assertThatThrownBy(() -> scan.add(q, 8, seg, 0, seg, 0, 32, 1, KvFormat.F32, ByteOrder.LITTLE_ENDIAN, 1f))
                .hasMessageStartingWith("q");
        assertThatThrownBy(() -> scan.mergeInto(new DecodeAttention.Partial(4, 16), 0))
                .hasMessageStartingWith("partial:");
        assertThatThrownBy(() -> scan.mergeInto(new DecodeAttention.Partial(6, 8), 3))
                .hasMessageStartingWith("head0:");
        assertThat(PagedAttention.scratch(4, 8)).isSameAs(scan);
        assertThat(PagedAttention.scratch(2, 8)).isNotSameAs(scan);
    }
}

package io.mlsyslab.nn.kernel;

import static io.mlsyslab.nn.kernel.DecodeReference.lastRow;
import static io.mlsyslab.nn.kernel.DecodeReference.rounded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The split-softmax form (partials over blocks, merged) against the scalar double reference. */
class DecodeAttentionSplitTest {
    private final SplittableRandom random = new SplittableRandom(7);

    private float[] rand(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /** Stores {@code [len][hd]} rows of kv head g as a "page" segment, little-endian in the format. */
    private static MemorySegment page(float[] x, int from, int tokens, int nKv, int g, int hd, KvFormat format) {
        MemorySegment seg = MemorySegment.ofArray(new byte[tokens * hd * format.bytes()]);
        for (int j = 0; j < tokens; j++) {
            for (int d = 0; d < hd; d++) {
                DecodeReference.put(seg, (long) (j * hd + d) * format.bytes(), x[((from + j) * nKv + g) * hd + d],
                        format, ByteOrder.LITTLE_ENDIAN);
            }
        }
        return seg;
    }

    private static void assertRelClose(float[] actual, float[] expected, double rel) {
        double maxAbs = 0;
        for (float e : expected) {
            maxAbs = Math.max(maxAbs, Math.abs(e));
        }
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("index %d", i)
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(rel * Math.max(maxAbs, 1e-6)));
        }
    }

    @Test
    void pagesInEveryFormatMergeToTheReference() {
        int[][] shapes = {{4, 4, 16}, {8, 2, 32}, {6, 1, 24}, {2, 2, 7}};
        int[] lengths = {1, 15, 16, 17, 50, 130};
        for (KvFormat format : KvFormat.values()) {
            for (int[] shape : shapes) {
                int nHead = shape[0], nKv = shape[1], hd = shape[2], group = nHead / nKv;
                for (int len : lengths) {
                    float[] k = rounded(rand(len * nKv * hd, 2), format);
                    float[] v = rounded(rand(len * nKv * hd, 1), format);
                    float[] q = rand(nHead * hd, 1);
                    float[] expected = lastRow(q, k, v, len, nHead, nKv, hd);
                    int pageTokens = 16;
                    // one partial per page, merged in reverse order, to show merge is order-free
                    DecodeAttention.Partial total = new DecodeAttention.Partial(nHead, hd);
                    for (int from = ((len - 1) / pageTokens) * pageTokens; from >= 0; from -= pageTokens) {
                        int n = Math.min(pageTokens, len - from);
                        DecodeAttention.Partial p = new DecodeAttention.Partial(nHead, hd);
                        for (int g = 0; g < nKv; g++) {
                            MemorySegment kp = page(k, from, n, nKv, g, hd, format);
                            MemorySegment vp = page(v, from, n, nKv, g, hd, format);
                            DecodeAttention.accumulate(q, g * group * hd, group, kp, 0, vp, 0,
                                    (long) hd * format.bytes(), n, hd, format, ByteOrder.LITTLE_ENDIAN,
                                    (float) (1 / Math.sqrt(hd)), p, g * group);
                        }
                        total.merge(p);
                    }
                    float[] out = new float[nHead * hd];
                    total.finish(out, 0);
                    assertRelClose(out, expected, 1e-5);
                }
            }
        }
    }

    @Test
    void vectorPathForHeadSizesOfWholeVectorsMatchesTheReferenceOnAndOffHeap() {
        // head sizes that are multiples of 16 floats take the fp32 vector path (on 512-, 256- and 128-bit species);
        // lengths around the 64-position block boundary exercise the running-maximum rescaling between blocks
        int[][] shapes = {{4, 4, 16}, {8, 2, 32}, {4, 1, 64}, {2, 2, 48}};
        int[] lengths = {1, 2, 63, 64, 65, 129, 150};
        for (int[] shape : shapes) {
            int nHead = shape[0], nKv = shape[1], hd = shape[2];
            for (int len : lengths) {
                // large scores (scale 6) make later blocks raise the maximum, so the rescaling path runs
                float[] k = rand(len * nKv * hd, 6), v = rand(len * nKv * hd, 1), q = rand(nHead * hd, 1);
                float[] expected = lastRow(q, k, v, len, nHead, nKv, hd);
                try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                    MemorySegment kn = arena.allocate((long) k.length * Float.BYTES, 64);
                    MemorySegment vn = arena.allocate((long) v.length * Float.BYTES, 64);
                    MemorySegment.copy(k, 0, kn, ValueLayout.JAVA_FLOAT, 0, k.length);
                    MemorySegment.copy(v, 0, vn, ValueLayout.JAVA_FLOAT, 0, v.length);
                    float[] onHeap = new float[nHead * hd + 3], offHeap = new float[nHead * hd + 3];
                    DecodeAttention.attend(q, 0, MemorySegment.ofArray(k), MemorySegment.ofArray(v), len, nHead,
                            nKv, hd, onHeap, 3);
                    DecodeAttention.attend(q, 0, kn, vn, len, nHead, nKv, hd, offHeap, 3);
                    assertRelClose(java.util.Arrays.copyOfRange(onHeap, 3, onHeap.length), expected, 1e-5);
                    assertRelClose(java.util.Arrays.copyOfRange(offHeap, 3, offHeap.length), expected, 1e-5);
                }
            }
        }
    }

    @Test
    void attendStillMatchesTheReferenceAndOneBlockEqualsManyBlocks() {
        int nHead = 8, nKv = 2, hd = 40, len = 200;
        float[] k = rand(len * nKv * hd, 3), v = rand(len * nKv * hd, 1), q = rand(nHead * hd, 1);
        float[] out = new float[nHead * hd];
        DecodeAttention.attend(q, 0, MemorySegment.ofArray(k), MemorySegment.ofArray(v), len, nHead, nKv, hd, out, 0);
        assertRelClose(out, lastRow(q, k, v, len, nHead, nKv, hd), 1e-5);
        // raw mergeHead of a partial's numbers equals merge
        DecodeAttention.Partial a = new DecodeAttention.Partial(nHead, hd);
        DecodeAttention.Partial b = new DecodeAttention.Partial(nHead, hd);
        long stride = (long) nKv * hd * 4;
        for (int g = 0; g < nKv; g++) {
            DecodeAttention.accumulate(q, g * 4 * hd, 4, MemorySegment.ofArray(k), g * hd * 4L,
                    MemorySegment.ofArray(v), g * hd * 4L, stride, len, hd, KvFormat.F32, ByteOrder.nativeOrder(),
                    (float) (1 / Math.sqrt(hd)), a, g * 4);
        }
        for (int h = 0; h < nHead; h++) {
            float[] acc = new float[hd];
            for (int d = 0; d < hd; d++) {
                acc[d] = a.accumulator(h, d);
            }
            b.mergeHead(h, a.max(h), a.sum(h), acc, 0);
        }
        float[] viaRaw = new float[nHead * hd];
        b.finish(viaRaw, 0);
        assertRelClose(viaRaw, out, 1e-6);
    }

    @Test
    void emptyBlocksAndEmptyPartialsAreHandled() {
        DecodeAttention.Partial p = new DecodeAttention.Partial(2, 4);
        float[] q = rand(8, 1);
        MemorySegment none = MemorySegment.ofArray(new byte[0]);
        DecodeAttention.accumulate(q, 0, 2, none, 0, none, 0, 16, 0, 4, KvFormat.F32, ByteOrder.LITTLE_ENDIAN,
                0.5f, p, 0);
        assertThat(p.isEmpty(0)).isTrue();
        assertThatThrownBy(() -> p.finish(new float[8], 0)).hasMessageStartingWith("length:");
        p.merge(new DecodeAttention.Partial(2, 4));
        assertThat(p.isEmpty(1)).isTrue();
        assertThatThrownBy(() -> p.merge(new DecodeAttention.Partial(3, 4))).hasMessageStartingWith("other:");
        assertThatThrownBy(() -> DecodeAttention.accumulate(q, 0, 2, none, 0, none, 0, 16, 1, 4, KvFormat.F32,
                ByteOrder.LITTLE_ENDIAN, 0.5f, p, 0)).hasMessageStartingWith("keys:");
        assertThatThrownBy(() -> DecodeAttention.accumulate(q, 0, 2, none, 0, none, 0, 16, 0, 4, KvFormat.F32,
                ByteOrder.LITTLE_ENDIAN, 0.5f, p, 1)).hasMessageStartingWith("head0:");
    }

    @Test
    void widenMatchesScalarConversionForEveryBitPattern() {
        int n = 65536;
        MemorySegment seg = MemorySegment.ofArray(new byte[2 * n + 2]);
        for (int i = 0; i < n; i++) {
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 2L * i + 1, (short) i);
        }
        float[] f16 = new float[n], bf16 = new float[n];
        HalfFloats.fromFp16(seg, 1, f16, 0, n); // odd offset: unaligned reads
        HalfFloats.fromBf16(seg, 1, bf16, 0, n);
        for (int i = 0; i < n; i++) {
            float e16 = HalfFloats.fromFp16((short) i), eb = HalfFloats.fromBf16((short) i);
            if (Float.isNaN(e16)) {
                assertThat(f16[i]).as("fp16 %04x", i).isNaN();
            } else {
                assertThat(Float.floatToRawIntBits(f16[i])).as("fp16 %04x", i).isEqualTo(Float.floatToRawIntBits(e16));
            }
            assertThat(Float.floatToRawIntBits(bf16[i])).as("bf16 %04x", i).isEqualTo(Float.floatToRawIntBits(eb));
        }
        float[] x = rand(37, 3);
        MemorySegment fs = MemorySegment.ofArray(new byte[37 * 2]);
        for (int i = 0; i < 37; i++) {
            fs.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 2L * i, HalfFloats.toFp16(x[i]));
        }
        float[] y = rand(37, 1), y2 = y.clone();
        float[] w = new float[37];
        HalfFloats.fromFp16(fs, 0, w, 0, 37);
        double dot = 0;
        for (int i = 0; i < 37; i++) {
            dot += (double) y[i] * w[i];
            y2[i] += 0.5f * w[i];
        }
        assertThat((double) SegmentVectors.dot(y, 0, fs, 0, KvFormat.F16, ByteOrder.LITTLE_ENDIAN, 37))
                .isCloseTo(dot, org.assertj.core.api.Assertions.within(1e-4));
        SegmentVectors.axpy(0.5f, fs, 0, KvFormat.F16, ByteOrder.LITTLE_ENDIAN, y, 0, 37);
        for (int i = 0; i < 37; i++) {
            assertThat(y[i]).isCloseTo(y2[i], org.assertj.core.api.Assertions.within(1e-6f));
        }
        assertThat(KvFormat.fromName("dtype", "BF16")).isEqualTo(KvFormat.BF16);
        assertThatThrownBy(() -> KvFormat.fromName("dtype", "f8")).hasMessageStartingWith("dtype:");
    }
}

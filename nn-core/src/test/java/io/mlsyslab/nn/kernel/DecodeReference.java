package io.mlsyslab.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The scalar references the decode-attention kernel tests compare against, and their shared helpers. */
final class DecodeReference {
    private DecodeReference() {
    }

    /** One query over {@code [len][nKv][hd]} keys and values: the last row of ReferenceKernels.causalAttention. */
    static float[] lastRow(float[] q, float[] k, float[] v, int len, int nHead, int nKv, int hd) {
        float[] qs = new float[len * nHead * hd];
        System.arraycopy(q, 0, qs, (len - 1) * nHead * hd, nHead * hd);
        float[] out = new float[len * nHead * hd];
        ReferenceKernels.causalAttention(qs, k, v, out, len, nHead, nKv, hd);
        float[] last = new float[nHead * hd];
        System.arraycopy(out, (len - 1) * nHead * hd, last, 0, nHead * hd);
        return last;
    }

    /** Rounds values through the format, so the reference sees exactly what is stored. */
    static float[] rounded(float[] x, KvFormat format) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = switch (format) {
                case F32 -> x[i];
                case F16 -> HalfFloats.fromFp16(HalfFloats.toFp16(x[i]));
                case BF16 -> HalfFloats.fromBf16(HalfFloats.toBf16(x[i]));
            };
        }
        return r;
    }

    /** Stores {@code f} at byte {@code off} of {@code seg} in {@code format} and byte {@code order}. */
    static void put(MemorySegment seg, long off, float f, KvFormat format, ByteOrder order) {
        switch (format) {
            case F32 -> seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), off, f);
            case F16 -> seg.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), off, HalfFloats.toFp16(f));
            case BF16 -> seg.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), off, HalfFloats.toBf16(f));
        }
    }

    /** Every element within {@code rel} × the largest expected magnitude of the expected one. */
    static void assertRelClose(float[] actual, float[] expected, double rel, String what) {
        double scale = 1e-30;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s index %d", what, i).isCloseTo(expected[i], within(rel * scale));
        }
    }
}

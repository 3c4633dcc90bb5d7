package io.mlsyslab.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector kernels over fp32, fp16 or bf16 rows stored in a {@link MemorySegment}: widening to fp32, and the fused
 * dot product and axpy that decode attention needs, so 16-bit pages are read without a scalar conversion loop.
 *
 * <p>fp16 is widened exactly with integer operations: the 15 magnitude bits shifted into an fp32 word and
 * multiplied by 2<sup>112</sup> give every normal and subnormal value; exponent 31 is patched to infinity/NaN.
 */
public final class SegmentVectors {
    private static final VectorSpecies<Float> S = Simd.SPECIES;
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, S.vectorShape());
    private static final VectorSpecies<Short> SS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

    private SegmentVectors() {
    }

    /** Widens {@code n} elements of {@code format} at {@code byteOff} to fp32 {@code dst[dstOff..]}. */
    public static void widen(MemorySegment src, long byteOff, KvFormat format, ByteOrder order, float[] dst,
                             int dstOff, int n) {
        int i = 0;
        int bytes = format.bytes();
        if (Simd.ENABLED) {
            for (; i < Simd.loopBound(n); i += S.length()) {
                load(src, byteOff + (long) i * bytes, format, order).intoArray(dst, dstOff + i);
            }
        }
        for (; i < n; i++) {
            dst[dstOff + i] = get(src, byteOff + (long) i * bytes, format, order);
        }
    }

    /** {@code sum_i x[xOff + i] * seg[i]} over {@code n} elements of {@code format}. */
    public static float dot(float[] x, int xOff, MemorySegment seg, long byteOff, KvFormat format, ByteOrder order,
                            int n) {
        int i = 0;
        int bytes = format.bytes();
        float sum = 0f;
        if (Simd.ENABLED) {
            FloatVector acc = FloatVector.zero(S);
            for (; i < Simd.loopBound(n); i += S.length()) {
                acc = FloatVector.fromArray(S, x, xOff + i).fma(load(seg, byteOff + (long) i * bytes, format, order),
                        acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            sum += x[xOff + i] * get(seg, byteOff + (long) i * bytes, format, order);
        }
        return sum;
    }

    /** {@code y[yOff + i] += alpha * seg[i]} over {@code n} elements of {@code format}. */
    public static void axpy(float alpha, MemorySegment seg, long byteOff, KvFormat format, ByteOrder order,
                            float[] y, int yOff, int n) {
        int i = 0;
        int bytes = format.bytes();
        if (Simd.ENABLED) {
            FloatVector a = FloatVector.broadcast(S, alpha);
            for (; i < Simd.loopBound(n); i += S.length()) {
                load(seg, byteOff + (long) i * bytes, format, order).fma(a, FloatVector.fromArray(S, y, yOff + i))
                        .intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * get(seg, byteOff + (long) i * bytes, format, order);
        }
    }

    /** One element widened to fp32. */
    public static float get(MemorySegment seg, long byteOff, KvFormat format, ByteOrder order) {
        return switch (format) {
            case F32 -> seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), byteOff);
            case F16 -> Float.float16ToFloat(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), byteOff));
            case BF16 -> Float.intBitsToFloat(
                    (seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), byteOff) & 0xffff) << 16);
        };
    }

    private static FloatVector load(MemorySegment seg, long byteOff, KvFormat format, ByteOrder order) {
        if (format == KvFormat.F32) {
            return FloatVector.fromMemorySegment(S, seg, byteOff, order);
        }
        IntVector h = (IntVector) ShortVector.fromMemorySegment(SS, seg, byteOff, order)
                .convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0);
        if (format == KvFormat.BF16) {
            return h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
        }
        IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        IntVector magnitude = h.and(0x7fff).lanewise(VectorOperators.LSHL, 13);
        IntVector bits = magnitude.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
        VectorMask<Integer> special = h.and(0x7c00).compare(VectorOperators.EQ, 0x7c00);
        bits = bits.blend(magnitude.or(0x7f800000), special);
        return bits.or(sign).reinterpretAsFloats();
    }
}

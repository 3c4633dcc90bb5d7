package io.mlsyslab.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Conversions between fp32 and the two 16-bit float formats: IEEE binary16 ("fp16", 5-bit exponent) and bfloat16
 * ("bf16", fp32's 8-bit exponent with a 7-bit mantissa). Narrowing rounds to nearest, ties to even, in both
 * formats; NaN stays NaN and infinities stay infinite.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** fp32 to fp16 bits. */
    public static short toFp16(float f) {
        return Float.floatToFloat16(f);
    }

    /** fp16 bits to fp32 (exact). */
    public static float fromFp16(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** fp32 to bf16 bits, round to nearest even; NaNs become a quiet NaN with the same sign. */
    public static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** bf16 bits to fp32 (exact). */
    public static float fromBf16(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** Converts {@code n} floats to fp16. */
    public static void toFp16(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Float.floatToFloat16(src[srcOff + i]);
        }
    }

    /** Converts {@code n} fp16 values to fp32. */
    public static void fromFp16(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Float.float16ToFloat(src[srcOff + i]);
        }
    }

    /** Converts {@code n} floats to bf16. */
    public static void toBf16(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = toBf16(src[srcOff + i]);
        }
    }

    /** Converts {@code n} bf16 values to fp32. */
    public static void fromBf16(short[] src, int srcOff, float[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = fromBf16(src[srcOff + i]);
        }
    }

    /** Widens {@code n} little-endian fp16 values at {@code byteOff} of a segment to fp32 (vectorised). */
    public static void fromFp16(MemorySegment src, long byteOff, float[] dst, int dstOff, int n) {
        SegmentVectors.widen(src, byteOff, KvFormat.F16, ByteOrder.LITTLE_ENDIAN, dst, dstOff, n);
    }

    /** Widens {@code n} little-endian bf16 values at {@code byteOff} of a segment to fp32 (vectorised). */
    public static void fromBf16(MemorySegment src, long byteOff, float[] dst, int dstOff, int n) {
        SegmentVectors.widen(src, byteOff, KvFormat.BF16, ByteOrder.LITTLE_ENDIAN, dst, dstOff, n);
    }
}

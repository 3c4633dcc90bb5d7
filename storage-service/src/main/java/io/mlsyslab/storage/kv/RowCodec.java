package io.mlsyslab.storage.kv;

import io.mlsyslab.nn.kernel.HalfFloats;
import io.mlsyslab.nn.kernel.KvFormat;
import java.nio.ByteBuffer;

/** fp32 values to and from the little-endian element formats of the store. */
public final class RowCodec {
    private RowCodec() {
    }

    /** Puts {@code n} floats from {@code src[off..]} into a little-endian buffer in {@code format}. */
    public static void encode(float[] src, int off, int n, KvFormat format, ByteBuffer out) {
        for (int i = 0; i < n; i++) {
            float f = src[off + i];
            switch (format) {
                case F32 -> out.putFloat(f);
                case F16 -> out.putShort(HalfFloats.toFp16(f));
                case BF16 -> out.putShort(HalfFloats.toBf16(f));
            }
        }
    }

    /** The value {@code f} rounded to {@code format} and widened back. */
    public static float round(float f, KvFormat format) {
        return switch (format) {
            case F32 -> f;
            case F16 -> HalfFloats.fromFp16(HalfFloats.toFp16(f));
            case BF16 -> HalfFloats.fromBf16(HalfFloats.toBf16(f));
        };
    }
}

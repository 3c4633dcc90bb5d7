package io.mlsyslab.training.quant;

import java.nio.ByteBuffer;

/**
 * How an outer gradient (or a gradient chunk) is packed into bytes on the wire.
 *
 * <ul>
 *   <li>{@code none}: raw little-endian fp32, 4 bytes a value.</li>
 *   <li>{@code int8}: blocks of {@value #BLOCK} values, each an fp32 absmax scale {@code s} followed by one signed
 *       byte a value, {@code q = round(127 x / s)}; decoded {@code q s / 127}. Error per value at most
 *       {@code s / 254}.</li>
 *   <li>{@code fp4-e3m0}: blocks of {@value #BLOCK} values, each an fp32 absmax scale {@code s} followed by two
 *       values a byte (low nibble first). A nibble is 1 sign bit and a 3-bit exponent code {@code e}: codes 0..6
 *       stand for {@code s * 2^-e}, code 7 for zero (E3M0: no mantissa). A value is rounded to the nearest of
 *       {@code {0, s 2^-6, ..., s/2, s}}: relative error at most 1/3 for {@code |x| >= s 2^-6}, absolute error at
 *       most {@code s 2^-7} below. 4.5 bits a value with the scale (about 1/7 of fp32).</li>
 * </ul>
 * Rounding is deterministic (no stochastic rounding), so every replica decodes identical bits.
 */
public enum Codec {
    NONE("none"), INT8("int8"), FP4_E3M0("fp4-e3m0");

    /** Values per scale block of the quantised codecs. */
    public static final int BLOCK = 64;
    /** Regex of the wire names, for request validation. */
    public static final String NAMES = "none|fp4-e3m0|int8";
    private static final int FP4_ZERO = 7;

    private final String wireName;

    Codec(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in params and documents ({@code none}, {@code int8}, {@code fp4-e3m0}). */
    public String wireName() {
        return wireName;
    }

    /** The codec of a wire name; {@code IllegalArgumentException("field: ...")} otherwise. */
    public static Codec fromName(String field, String name) {
        for (Codec c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(field + ": unknown quantisation '" + name + "', expected " + NAMES);
    }

    /** Stable byte id written into message headers. */
    public byte id() {
        return (byte) ordinal();
    }

    /** The codec with this {@link #id()}. */
    public static Codec fromId(int id) {
        if (id < 0 || id >= values().length) {
            throw new IllegalArgumentException("codec: unknown id " + id);
        }
        return values()[id];
    }

    /** Payload bytes of {@code n} values. */
    public long encodedBytes(long n) {
        long blocks = (n + BLOCK - 1) / BLOCK;
        return switch (this) {
            case NONE -> 4 * n;
            case INT8 -> 4 * blocks + n;
            case FP4_E3M0 -> {
                long full = n / BLOCK, rest = n % BLOCK;
                yield blocks * 4 + full * (BLOCK / 2) + (rest + 1) / 2;
            }
        };
    }

    /** Appends {@code n} values of {@code src} from {@code off} to {@code dst} (little-endian buffer). */
    public void encode(float[] src, int off, int n, ByteBuffer dst) {
        if (this == NONE) {
            for (int i = 0; i < n; i++) {
                dst.putFloat(src[off + i]);
            }
            return;
        }
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            float scale = 0f;
            for (int i = 0; i < len; i++) {
                float x = src[off + b + i];
                if (!Float.isFinite(x)) {
                    throw new IllegalStateException("outer gradient: non-finite value " + x + " at " + (b + i));
                }
                scale = Math.max(scale, Math.abs(x));
            }
            dst.putFloat(scale);
            if (this == INT8) {
                for (int i = 0; i < len; i++) {
                    int q = scale == 0f ? 0 : Math.round(src[off + b + i] / scale * 127f);
                    dst.put((byte) Math.max(-127, Math.min(127, q)));
                }
            } else {
                for (int i = 0; i < len; i += 2) {
                    int lo = fp4(src[off + b + i], scale);
                    int hi = i + 1 < len ? fp4(src[off + b + i + 1], scale) : FP4_ZERO;
                    dst.put((byte) (lo | (hi << 4)));
                }
            }
        }
    }

    /** Reads {@code n} values from {@code src} into {@code dst} from {@code off}. */
    public void decode(ByteBuffer src, int n, float[] dst, int off) {
        if (this == NONE) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = src.getFloat();
            }
            return;
        }
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            float scale = src.getFloat();
            if (this == INT8) {
                for (int i = 0; i < len; i++) {
                    dst[off + b + i] = src.get() * scale / 127f;
                }
            } else {
                for (int i = 0; i < len; i += 2) {
                    int packed = src.get() & 0xFF;
                    dst[off + b + i] = fp4Value(packed & 0xF, scale);
                    if (i + 1 < len) {
                        dst[off + b + i + 1] = fp4Value(packed >>> 4, scale);
                    }
                }
            }
        }
    }

    /** The 4-bit code of {@code x} in a block of absmax {@code scale}. */
    static int fp4(float x, float scale) {
        if (scale == 0f) {
            return FP4_ZERO;
        }
        float r = Math.abs(x) / scale;
        int sign = x < 0 ? 8 : 0;
        // nearest of 2^0 .. 2^-6: the boundary between 2^-k and 2^-(k+1) is 0.75 * 2^-k
        for (int e = 0; e < 6; e++) {
            if (r >= 0.75f * Math.scalb(1f, -e)) {
                return sign | e;
            }
        }
        // between 2^-6 and 0 the boundary is 2^-7
        return r >= Math.scalb(1f, -7) ? sign | 6 : FP4_ZERO;
    }

    static float fp4Value(int code, float scale) {
        int e = code & 7;
        if (e == FP4_ZERO) {
            return 0f;
        }
        float v = scale * Math.scalb(1f, -e);
        return (code & 8) != 0 ? -v : v;
    }
}

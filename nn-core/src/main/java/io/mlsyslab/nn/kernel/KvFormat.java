package io.mlsyslab.nn.kernel;

import java.util.Locale;

/** Element format of stored keys and values: fp32, IEEE fp16 or bfloat16. */
public enum KvFormat {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    KvFormat(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Lower-case wire name ({@code f32}, {@code f16}, {@code bf16}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (case-insensitive); an unknown name throws {@code IllegalArgumentException} naming field. */
    public static KvFormat fromName(String field, String name) {
        if (name != null) {
            for (KvFormat f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException(field + ": must be one of f32, f16, bf16, was " + name);
    }
}

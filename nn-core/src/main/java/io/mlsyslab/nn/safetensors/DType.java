package io.mlsyslab.nn.safetensors;

/** The safetensors element types this reader and writer support. */
public enum DType {
    /** IEEE binary32. */
    F32(4),
    /** IEEE binary16. */
    F16(2),
    /** bfloat16: the top half of a binary32. */
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Looks a dtype up by its safetensors name ({@code "F32"}, {@code "F16"}, {@code "BF16"}). */
    public static DType fromName(String field, String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(field + ": unsupported dtype '" + name + "' (supported: F32, F16, BF16)");
    }
}

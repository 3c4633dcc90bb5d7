package io.mlsyslab.inference.serving;

import java.util.Locale;

/** Where an engine keeps its KV cache: {@code none} (the engine's paged memory) or {@code storage}. */
public enum KvOffload {
    NONE, STORAGE;

    /** The wire name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming {@code field} when it is not {@code none} or {@code storage}
     */
    public static KvOffload parse(String field, String value) {
        if (value != null) {
            for (KvOffload k : values()) {
                if (k.wireName().equals(value)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException(field + ": must be 'none' or 'storage', was "
                + (value == null ? "null" : "'" + value + "'"));
    }
}

package io.mlsyslab.nn.kernel;

import java.lang.foreign.MemorySegment;

/** Argument checks shared by the kernels; messages start with the offending field name. */
final class Checks {
    private Checks() {
    }

    static void nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, was " + value);
        }
    }

    static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": must be >= 1, was " + value);
        }
    }

    /** Checks that {@code array[offset .. offset + span)} exists. */
    static void range(String field, float[] array, int offset, long span) {
        if (array == null) {
            throw new IllegalArgumentException(field + ": must not be null");
        }
        if (offset < 0 || offset + span > array.length) {
            throw new IllegalArgumentException(field + ": needs " + span + " floats from offset " + offset
                    + " but has length " + array.length);
        }
    }

    /** Span of a row-major matrix with {@code rows} rows of {@code cols} used columns and leading dimension ld. */
    static long matrixSpan(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
    }

    /**
     * Checks that {@code tokens} rows of {@code rowBytes} bytes, {@code rowStride} apart, exist in both the key and
     * the value segment from their offsets (a K/V layout as the decode kernels read it); tokens must be >= 1.
     */
    static void kvRows(MemorySegment keys, long keyOff, MemorySegment values, long valueOff, long rowStride,
                       int tokens, long rowBytes) {
        if (rowStride < rowBytes) {
            throw new IllegalArgumentException("rowStride: must be >= " + rowBytes + ", was " + rowStride);
        }
        long span = (tokens - 1) * rowStride + rowBytes;
        if (keyOff < 0 || keyOff + span > keys.byteSize()) {
            throw new IllegalArgumentException("keys: needs " + span + " bytes from " + keyOff + ", segment has "
                    + keys.byteSize());
        }
        if (valueOff < 0 || valueOff + span > values.byteSize()) {
            throw new IllegalArgumentException("values: needs " + span + " bytes from " + valueOff
                    + ", segment has " + values.byteSize());
        }
    }
}

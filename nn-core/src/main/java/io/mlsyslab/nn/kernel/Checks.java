package io.mlsyslab.nn.kernel;

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
}

package io.mlsyslab.nn.safetensors;

import java.util.Arrays;

/**
 * One tensor described by a safetensors header.
 *
 * @param name  tensor name
 * @param dtype element type
 * @param shape dimensions, outermost first
 * @param begin first byte of the data, relative to the start of the data section
 * @param end   one past the last byte
 */
public record TensorEntry(String name, DType dtype, int[] shape, long begin, long end) {
    /** Defensive copy of the shape. */
    public TensorEntry {
        shape = shape.clone();
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + ":" + dtype + Arrays.toString(shape) + "@[" + begin + "," + end + ")";
    }
}

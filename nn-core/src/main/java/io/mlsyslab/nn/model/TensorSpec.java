package io.mlsyslab.nn.model;

import java.util.Arrays;

/**
 * Where one named tensor lives inside a flat parameter vector.
 *
 * @param name   Hugging Face name, e.g. {@code h.0.attn.c_attn.weight}
 * @param shape  dimensions, outermost first
 * @param offset index of the first element in the flat vector
 */
public record TensorSpec(String name, int[] shape, int offset) {
    /** Defensive copy. */
    public TensorSpec {
        shape = shape.clone();
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
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
        return o instanceof TensorSpec t && name.equals(t.name) && offset == t.offset && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}

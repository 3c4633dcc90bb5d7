package io.mlsyslab.nn.model;

/**
 * A named tensor inside a flat vector: element {@code i} (row-major) is {@code data()[offset() + i]}.
 *
 * @param spec name, shape and offset
 * @param data the shared flat storage
 */
public record TensorView(TensorSpec spec, float[] data) {
    /** Tensor name. */
    public String name() {
        return spec.name();
    }

    /** Dimensions. */
    public int[] shape() {
        return spec.shape();
    }

    /** First element index in {@link #data()}. */
    public int offset() {
        return spec.offset();
    }

    /** Number of elements. */
    public int size() {
        return spec.size();
    }

    /** Element {@code i} in row-major order. */
    public float get(int i) {
        return data[spec.offset() + checked(i)];
    }

    /** Sets element {@code i}. */
    public void set(int i, float v) {
        data[spec.offset() + checked(i)] = v;
    }

    /** A copy of the elements. */
    public float[] toArray() {
        float[] out = new float[size()];
        System.arraycopy(data, offset(), out, 0, out.length);
        return out;
    }

    /** Overwrites the elements with {@code values} (same length). */
    public void copyFrom(float[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name() + ": expected " + size() + " values, got " + values.length);
        }
        System.arraycopy(values, 0, data, offset(), values.length);
    }

    private int checked(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(name() + ": index " + i + " outside 0.." + (size() - 1));
        }
        return i;
    }
}

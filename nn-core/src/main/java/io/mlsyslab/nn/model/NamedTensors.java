package io.mlsyslab.nn.model;

import java.util.Arrays;
import java.util.Collection;

/**
 * A flat float vector indexed by a {@link ParameterLayout}: the same storage is reachable as one array (for
 * optimisers, all-reduce, checkpoint deltas) and as named tensors (for fragment-wise synchronisation, loading and
 * inspection). Views share the storage; nothing is copied.
 */
public final class NamedTensors {
    private final ParameterLayout layout;
    private final float[] data;

    /** Zero-filled storage for a layout. */
    public NamedTensors(ParameterLayout layout) {
        this(layout, new float[layout.size()]);
    }

    /** Wraps existing storage; {@code data.length} must equal {@code layout.size()}. */
    public NamedTensors(ParameterLayout layout, float[] data) {
        if (data.length != layout.size()) {
            throw new IllegalArgumentException("data: length " + data.length + " does not match layout size "
                    + layout.size());
        }
        this.layout = layout;
        this.data = data;
    }

    /** The layout. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The flat vector itself (not a copy). */
    public float[] data() {
        return data;
    }

    /** A view of one named tensor. */
    public TensorView tensor(String name) {
        TensorSpec s = layout.spec(name);
        return new TensorView(s, data);
    }

    /** Copies the named tensors of {@code source} (which must share the layout) into this storage. */
    public void copyFrom(NamedTensors source, Collection<String> names) {
        if (source.layout != layout) {
            throw new IllegalArgumentException("source: has a different layout");
        }
        for (String n : names) {
            TensorSpec s = layout.spec(n);
            System.arraycopy(source.data, s.offset(), data, s.offset(), s.size());
        }
    }

    /** Sets every element to zero. */
    public void zero() {
        Arrays.fill(data, 0f);
    }

    /** A deep copy with the same layout. */
    public NamedTensors copy() {
        return new NamedTensors(layout, data.clone());
    }
}

package io.mlsyslab.training.utilization;

/**
 * How Streaming DiLoCo groups blocks into fragments: {@code strided} (fragment p holds blocks p, p+P, p+2P, ...; the
 * paper's default) or {@code sequential} (fragment p holds consecutive blocks).
 */
public enum FragmentLayout {
    STRIDED("strided"),
    SEQUENTIAL("sequential");

    private final String wireName;

    FragmentLayout(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FragmentLayout fromName(String field, String name) {
        for (FragmentLayout l : values()) {
            if (l.wireName.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException(field + ": unknown fragment layout '" + name + "' (strided, sequential)");
    }
}

package io.mlsyslab.training.trainer;

/** The training algorithms; {@link #wireName()} is the name used in params and documents. */
public enum Algorithm {
    DATA_PARALLEL("data-parallel"), DILOCO("diloco"), STREAMING_DILOCO("streaming-diloco");

    /** Regex of the wire names, for request validation. */
    public static final String NAMES = "data-parallel|diloco|streaming-diloco";
    private final String wireName;

    Algorithm(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The algorithm of a wire name; {@code IllegalArgumentException("field: ...")} otherwise. */
    public static Algorithm fromName(String field, String name) {
        for (Algorithm a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(field + ": unknown algorithm '" + name + "', expected " + NAMES);
    }
}

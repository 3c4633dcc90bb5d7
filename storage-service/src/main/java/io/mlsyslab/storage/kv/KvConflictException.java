package io.mlsyslab.storage.kv;

/** An append or truncate that does not fit the sequence's current length (the position a client assumed). */
public final class KvConflictException extends RuntimeException {
    private final String field;

    public KvConflictException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

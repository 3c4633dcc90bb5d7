package io.mlsyslab.storage.kv;

import java.util.UUID;

/** No sequence with this id exists in the store (never created, or deleted). */
public final class UnknownSequenceException extends RuntimeException {
    private final UUID id;

    public UnknownSequenceException(UUID id) {
        super("sequence " + id + " does not exist");
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}

package io.mlsyslab.inference.engine;

/** The engine's waiting queue is full; the client should retry after {@link #retryAfterSeconds()}. */
public final class AdmissionRefusedException extends RuntimeException {
    private final int retryAfterSeconds;

    public AdmissionRefusedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

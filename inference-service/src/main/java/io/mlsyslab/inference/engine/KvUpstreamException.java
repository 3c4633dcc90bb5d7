package io.mlsyslab.inference.engine;

/**
 * The remote KV store (storage-service) failed a call of an offloading engine: it answered an error
 * ({@code status} is its HTTP status) or could not be reached in time ({@code status} 0). The API answers 502 for
 * an error answer and 503 when storage is unreachable.
 */
public final class KvUpstreamException extends RuntimeException {
    private final int status;

    public KvUpstreamException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** storage-service's HTTP status, 0 when it was unreachable or timed out. */
    public int status() {
        return status;
    }
}

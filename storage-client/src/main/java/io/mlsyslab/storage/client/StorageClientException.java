package io.mlsyslab.storage.client;

/** A non-2xx answer of storage-service (the body is its problem+json) or a transport failure. */
public final class StorageClientException extends RuntimeException {
    private final int status;

    public StorageClientException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or 0 when the service could not be reached. */
    public int status() {
        return status;
    }
}

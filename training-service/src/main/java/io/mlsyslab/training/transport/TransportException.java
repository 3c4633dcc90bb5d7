package io.mlsyslab.training.transport;

/** The fabric can no longer deliver: a peer died, the coordinator went away, or the run was aborted. */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}

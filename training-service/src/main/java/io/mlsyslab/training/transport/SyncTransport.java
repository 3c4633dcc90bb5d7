package io.mlsyslab.training.transport;

/**
 * One worker's end of the synchronisation fabric: point-to-point, ordered, reliable byte messages between the
 * {@link #workers()} ranks of a run. Sends do not block (messages are queued at the receiver or the relay);
 * receives block until the message from that peer arrives or the run is known to have failed
 * ({@link TransportException}). Bytes are counted here, at the transport, as whole messages (header + payload).
 */
public interface SyncTransport extends AutoCloseable {

    /** This worker's rank, {@code 0 .. workers-1}. */
    int rank();

    /** Number of workers in the run. */
    int workers();

    /** Sends one message to {@code to}. */
    void send(int to, byte[] message);

    /** The next message from {@code from}, in send order. */
    byte[] receive(int from);

    /** Bytes this worker has sent so far. */
    long bytesSent();

    /** Bytes this worker has received so far. */
    long bytesReceived();

    @Override
    default void close() {
    }
}

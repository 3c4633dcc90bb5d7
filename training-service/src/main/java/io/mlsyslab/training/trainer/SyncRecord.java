package io.mlsyslab.training.trainer;

/**
 * One synchronisation as seen by one worker.
 *
 * @param step           inner step at which it was issued (1-based)
 * @param fragment       fragment synchronised (0 for DiLoCo and data-parallel)
 * @param bufferBytes    the collective's buffer: encoded payload bytes of this worker's contribution (the
 *                       {@code bytesPerWorker} of the sync-schedule format)
 * @param bytesSent      bytes this worker put on the wire for it (whole messages, counted at the transport)
 * @param bytesReceived  bytes this worker received for it
 * @param seconds        seconds since the worker started training when the sync was issued
 * @param exchangeSeconds time this worker spent inside the collective (including waiting for its peers)
 */
public record SyncRecord(int step, int fragment, long bufferBytes, long bytesSent, long bytesReceived,
                         double seconds, double exchangeSeconds) {
}

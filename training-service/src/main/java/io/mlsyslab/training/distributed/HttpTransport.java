package io.mlsyslab.training.distributed;

import io.mlsyslab.training.transport.SyncTransport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker process's {@link SyncTransport}: messages are POSTed to the coordinator's mailbox of (this rank, peer)
 * and long-polled from the mailbox of (peer, this rank). Bytes counted are the message bodies (the same bytes the
 * in-process fabric counts; HTTP framing is not included).
 */
final class HttpTransport implements SyncTransport {
    private final CoordinatorClient client;
    private final int rank, workers;
    private final AtomicLong sent = new AtomicLong(), received = new AtomicLong();

    HttpTransport(CoordinatorClient client, int rank, int workers) {
        this.client = client;
        this.rank = rank;
        this.workers = workers;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public void send(int to, byte[] message) {
        client.post("/send?from=" + rank + "&to=" + to, message);
        sent.addAndGet(message.length);
    }

    @Override
    public byte[] receive(int from) {
        while (true) {
            CoordinatorClient.Reply r = client.get("/recv?from=" + from + "&to=" + rank);
            if (r.status() == 200) {
                received.addAndGet(r.body().length);
                return r.body();
            }
        }
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bytesReceived() {
        return received.get();
    }
}

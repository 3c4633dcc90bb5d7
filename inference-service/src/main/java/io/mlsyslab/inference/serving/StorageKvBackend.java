package io.mlsyslab.inference.serving;

import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.inference.engine.SlotLifecycle;
import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.storage.client.RemoteAttentionBackend;
import io.mlsyslab.storage.client.StorageClientException;
import io.mlsyslab.storage.client.StorageKvClient;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code kvOffload: storage}: an engine's attention backend whose keys and values live in storage-service (one
 * stored fp32 sequence per engine slot, created when a sequence takes the slot and deleted when it gives it up)
 * and whose attention runs there, one batched append and one batched attention call per layer and decoder call
 * ({@link RemoteAttentionBackend}). Storage failures become {@link KvUpstreamException}s; a delete that fails when a
 * sequence ends is retried in the background with backoff ({@link SequenceDeleter}) and, if it still fails, counted
 * ({@link EngineObserver#kvDeleteFailed}).
 */
public final class StorageKvBackend implements AttentionBackend, SlotLifecycle {
    /** Retries of a failed delete: 5 attempts, 200 ms doubling (about 6 s in all). */
    static final int DELETE_ATTEMPTS = 5;
    static final Duration DELETE_FIRST_DELAY = Duration.ofMillis(200);
    private final RemoteAttentionBackend remote;
    private final SequenceDeleter deleter;

    public StorageKvBackend(StorageKvClient client, GptConfig config, int slots) {
        this(client, config, slots, EngineObserver.NONE, DELETE_ATTEMPTS, DELETE_FIRST_DELAY);
    }

    /**
     * @param observer       told of every sequence whose delete failed after all retries
     * @param deleteAttempts retries of a failed delete (backoff from {@code firstDelay}, doubling)
     */
    public StorageKvBackend(StorageKvClient client, GptConfig config, int slots, EngineObserver observer,
                            int deleteAttempts, Duration firstDelay) {
        this.remote = new RemoteAttentionBackend(client, slots, config.nLayer(), KvFormat.F32, config.nHead(),
                config.nHead(), config.headDim());
        this.deleter = new SequenceDeleter(client, deleteAttempts, firstDelay, observer::kvDeleteFailed);
    }

    /** Sequences whose delete failed after every retry (they stay in storage). */
    public long failedDeletes() {
        return deleter.failed();
    }

    /** Delete retries made so far. */
    public long deleteRetries() {
        return deleter.retried();
    }

    @Override
    public void opened(int slot) {
        try {
            remote.open(slot);
        } catch (StorageClientException e) {
            throw upstream(e);
        }
    }

    @Override
    public void released(int slot) {
        UUID id = remote.sequence(slot);
        try {
            remote.release(slot);
        } catch (RuntimeException e) {
            if (id != null) {
                deleter.retry(id, e);
            }
        }
    }

    @Override
    public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
        remote.append(layer, seq, pos, k, kOff, v, vOff);
    }

    @Override
    public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
        try {
            remote.attend(layer, seq, length, q, qOff, out, outOff);
        } catch (StorageClientException e) {
            throw upstream(e);
        }
    }

    @Override
    public void appendBatch(int layer, int[] seqs, int[] positions, int from, int to, float[] k, int kOff,
                            float[] v, int vOff, int stride) {
        remote.appendBatch(layer, seqs, positions, from, to, k, kOff, v, vOff, stride);
    }

    @Override
    public void attendBatch(int layer, int[] seqs, int[] lengths, int from, int to, float[] q, int qOff,
                            int qStride, float[] out, int outOff, int outStride, ComputePool pool) {
        try {
            remote.attendBatch(layer, seqs, lengths, from, to, q, qOff, qStride, out, outOff, outStride, pool);
        } catch (StorageClientException e) {
            throw upstream(e);
        }
    }

    private static KvUpstreamException upstream(StorageClientException e) {
        String what = e.status() == 0 ? "storage-service unreachable or timed out" : "storage-service answered "
                + e.status();
        return new KvUpstreamException(e.status(), "kvOffload: " + what + " (" + e.getMessage() + ")", e);
    }
}

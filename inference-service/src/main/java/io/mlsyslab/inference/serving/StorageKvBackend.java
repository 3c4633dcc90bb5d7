package io.mlsyslab.inference.serving;

import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.inference.engine.SlotLifecycle;
import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.storage.client.RemoteAttentionBackend;
import io.mlsyslab.storage.client.StorageClientException;
import io.mlsyslab.storage.client.StorageKvClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kvOffload: storage}: an engine's attention backend whose keys and values live in storage-service (one
 * stored fp32 sequence per engine slot, created when a sequence takes the slot and deleted when it gives it up)
 * and whose attention runs there, one batched append and one batched attention call per layer and decoder call
 * ({@link RemoteAttentionBackend}). Storage failures become {@link KvUpstreamException}s.
 */
public final class StorageKvBackend implements AttentionBackend, SlotLifecycle {
    private static final System.Logger LOG = System.getLogger(StorageKvBackend.class.getName());
    private final RemoteAttentionBackend remote;
    private final AtomicLong failedDeletes = new AtomicLong();

    public StorageKvBackend(StorageKvClient client, GptConfig config, int slots) {
        this.remote = new RemoteAttentionBackend(client, slots, config.nLayer(), KvFormat.F32, config.nHead(),
                config.nHead(), config.headDim());
    }

    /** Deletes that failed (storage down when a sequence ended); the sequences stay in storage. */
    public long failedDeletes() {
        return failedDeletes.get();
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
        try {
            remote.release(slot);
        } catch (RuntimeException e) {
            failedDeletes.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "kv offload: could not delete the sequence of slot " + slot
                    + ": " + e.getMessage());
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

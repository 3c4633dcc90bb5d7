package io.mlsyslab.storage.client;

import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.KvFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * nn-core's {@link AttentionBackend} over storage-service: keys and values live in stored sequences and attention
 * runs in storage, sending only q and receiving only the output. Decoder slot {@code seq} maps to one stored
 * sequence.
 *
 * <p><b>Batched calls.</b> {@link #appendBatch} only copies the rows into a per-layer buffer (no I/O, so the compute
 * thread that projects QKV never waits on the network); {@link #attendBatch} first sends the layer's buffered rows
 * with <em>one</em> batched append ({@code POST /append?layer=l}, every sequence in one durable step) and then the
 * queries with <em>one</em> batched attention call ({@code POST /attention?layer=l}). Per layer and per call of the
 * decoder that is one append and one attention round trip, whatever the number of sequences. Storage is append-only
 * and position-checked, so a sequence's buffered rows are sent only as a run contiguous with what storage already
 * holds; rows that a later nano-batch buffered before an earlier one stay buffered until the gap is filled.
 *
 * <p><b>Sequence lifecycle</b> (slot mode, {@link #RemoteAttentionBackend(StorageKvClient, int, int, KvFormat, int,
 * int, int)}): {@link #open} creates the slot's stored sequence when an inference sequence takes the slot (or
 * truncates its existing one to 0), {@link #truncate} cuts it back (recompute after preemption), {@link #release}
 * deletes it (request finished, preempted or its client gone). With the fixed-mapping constructor the caller owns
 * the sequences.
 *
 * <p><b>Thread-safety.</b> appends, attention and flushes may run concurrently from several threads (the engine's
 * compute and network executors work on different nano-batches); sends of one layer are serialised.
 * {@link #open}, {@link #truncate} and {@link #release} of a slot must not overlap a decoder call that uses that
 * slot. Every failure is a {@link StorageClientException} (status 0: storage unreachable or timed out); the
 * client's request timeout bounds every call.
 */
public final class RemoteAttentionBackend implements AttentionBackend {
    private final StorageKvClient client;
    private final KvFormat dtype;
    private final int layers, nHead, kvHeads, headDim, rowFloats;
    private final AtomicReferenceArray<UUID> ids;
    /** Tokens storage acknowledged per [slot][layer]; guarded by {@code sendLocks[layer]}. */
    private final int[][] stored;
    private final Object[] sendLocks, bufferLocks;
    /** Rows appended but not yet sent, per layer; guarded by {@code bufferLocks[layer]}. */
    private final List<List<Row>> buffers;

    private record Row(int slot, int pos, float[] k, float[] v) {
    }

    /**
     * Fixed mapping: slot i is {@code sequences.get(i)}, created by the caller with {@code layers} layers of shape
     * {@code kvHeads × headDim} in {@code dtype}, all layers of the same length.
     *
     * @param nHead query heads (a multiple of kvHeads)
     */
    public RemoteAttentionBackend(StorageKvClient client, List<UUID> sequences, KvFormat dtype, int nHead,
                                  int kvHeads, int headDim) {
        this(client, sequences.size(), layersOf(client, sequences), dtype, nHead, kvHeads, headDim);
        for (int i = 0; i < sequences.size(); i++) {
            SequenceHandle h = client.info(sequences.get(i));
            ids.set(i, h.id());
            Arrays.fill(stored[i], h.length());
        }
    }

    /**
     * Slot mode: {@code slots} decoder slots, each without a stored sequence until {@link #open}.
     *
     * @param nHead query heads (a multiple of kvHeads)
     */
    public RemoteAttentionBackend(StorageKvClient client, int slots, int layers, KvFormat dtype, int nHead,
                                  int kvHeads, int headDim) {
        if (nHead < 1 || kvHeads < 1 || nHead % kvHeads != 0) {
            throw new IllegalArgumentException("nHead: must be a positive multiple of kvHeads=" + kvHeads
                    + ", was " + nHead);
        }
        if (slots < 0 || layers < 1 || headDim < 1) {
            throw new IllegalArgumentException("layers: slots >= 0, layers >= 1 and headDim >= 1 required");
        }
        this.client = client;
        this.dtype = dtype;
        this.layers = layers;
        this.nHead = nHead;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.rowFloats = kvHeads * headDim;
        this.ids = new AtomicReferenceArray<>(slots);
        this.stored = new int[slots][layers];
        this.sendLocks = new Object[layers];
        this.bufferLocks = new Object[layers];
        this.buffers = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            sendLocks[l] = new Object();
            bufferLocks[l] = new Object();
            buffers.add(new ArrayList<>());
        }
    }

    private static int layersOf(StorageKvClient client, List<UUID> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences: at least one sequence required");
        }
        return client.info(sequences.getFirst()).layers();
    }

    /** The stored sequence of a slot, or null when the slot is not open. */
    public UUID sequence(int slot) {
        return ids.get(slot);
    }

    /** Gives the slot an empty stored sequence: truncates the one it has to 0, or creates one. */
    public void open(int slot) {
        dropBuffered(slot);
        UUID id = ids.get(slot);
        if (id != null) {
            client.truncate(id, 0);
        } else {
            ids.set(slot, client.create(layers, kvHeads, headDim, dtype).id());
        }
        setStored(slot, 0);
    }

    /** Cuts the slot's stored sequence back to {@code length} tokens in every layer (recompute from there). */
    public void truncate(int slot, int length) {
        dropBuffered(slot);
        client.truncate(require(slot), length);
        for (int l = 0; l < layers; l++) {
            synchronized (sendLocks[l]) {
                stored[slot][l] = Math.min(stored[slot][l], length);
            }
        }
    }

    /** Deletes the slot's stored sequence (no-op when the slot is not open). */
    public void release(int slot) {
        dropBuffered(slot);
        UUID id = ids.getAndSet(slot, null);
        setStored(slot, 0);
        if (id != null) {
            client.delete(id);
        }
    }

    @Override
    public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
        appendBatch(layer, new int[]{seq}, new int[]{pos}, 0, 1, k, kOff, v, vOff, 0);
    }

    @Override
    public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
        attendBatch(layer, new int[]{seq}, new int[]{length}, 0, 1, q, qOff, 0, out, outOff, 0, null);
    }

    @Override
    public void appendBatch(int layer, int[] seqs, int[] positions, int from, int to, float[] k, int kOff,
                            float[] v, int vOff, int stride) {
        List<Row> rows = new ArrayList<>(Math.max(0, to - from));
        for (int r = from; r < to; r++) {
            int ko = kOff + r * stride, vo = vOff + r * stride;
            rows.add(new Row(seqs[r], positions[r], Arrays.copyOfRange(k, ko, ko + rowFloats),
                    Arrays.copyOfRange(v, vo, vo + rowFloats)));
        }
        synchronized (bufferLocks[layer]) {
            buffers.get(layer).addAll(rows);
        }
    }

    /** Sends the buffered rows of every layer that can be sent (contiguous with what storage holds). */
    public void flush() {
        for (int l = 0; l < layers; l++) {
            flush(l);
        }
    }

    /** Sends layer {@code layer}'s sendable buffered rows in one batched append. */
    public void flush(int layer) {
        synchronized (sendLocks[layer]) {
            Map<Integer, List<Row>> bySlot = new LinkedHashMap<>();
            synchronized (bufferLocks[layer]) {
                List<Row> buffer = buffers.get(layer);
                if (buffer.isEmpty()) {
                    return;
                }
                for (Row row : buffer) {
                    bySlot.computeIfAbsent(row.slot, s -> new ArrayList<>()).add(row);
                }
                List<Row> keep = new ArrayList<>();
                for (Map.Entry<Integer, List<Row>> e : bySlot.entrySet()) {
                    List<Row> rows = e.getValue();
                    rows.sort(Comparator.comparingInt(Row::pos));
                    int next = stored[e.getKey()][layer], n = 0;
                    while (n < rows.size() && rows.get(n).pos == next + n) {
                        n++;
                    }
                    if (n < rows.size() && rows.get(n).pos < next + n) {
                        throw new IllegalStateException("pos: position " + rows.get(n).pos + " of slot "
                                + e.getKey() + " at layer " + layer + " is already stored");
                    }
                    keep.addAll(rows.subList(n, rows.size()));
                    e.setValue(new ArrayList<>(rows.subList(0, n)));
                }
                buffer.clear();
                buffer.addAll(keep);
            }
            List<KvFraming.AppendItem> items = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (Map.Entry<Integer, List<Row>> e : bySlot.entrySet()) {
                List<Row> rows = e.getValue();
                if (rows.isEmpty()) {
                    continue;
                }
                int n = rows.size();
                float[] k = new float[n * rowFloats], v = new float[n * rowFloats];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(rows.get(i).k, 0, k, i * rowFloats, rowFloats);
                    System.arraycopy(rows.get(i).v, 0, v, i * rowFloats, rowFloats);
                }
                int slot = e.getKey();
                items.add(new KvFraming.AppendItem(require(slot), rows.getFirst().pos, n,
                        StorageKvClient.encodeRows(dtype, n, rowFloats, k, 0, v, 0)));
                slots.add(slot);
            }
            for (int i = 0; i < items.size(); i += KvFraming.MAX_BATCH_ITEMS) {
                int end = Math.min(items.size(), i + KvFraming.MAX_BATCH_ITEMS);
                int[] lengths = client.appendLayerBatch(layer, items.subList(i, end));
                for (int j = i; j < end; j++) {
                    stored[slots.get(j)][layer] = lengths[j - i];
                }
            }
        }
    }

    /**
     * Sends this layer's buffered rows, then the attention of rows {@code [from, to)} in one batched call ({@code
     * pool} is not used: the work runs in storage).
     */
    @Override
    public void attendBatch(int layer, int[] seqs, int[] lengths, int from, int to, float[] q, int qOff,
                            int qStride, float[] out, int outOff, int outStride, ComputePool pool) {
        if (to <= from) {
            return;
        }
        flush(layer);
        int qFloats = nHead * headDim;
        for (int start = from; start < to; start += KvFraming.MAX_BATCH_ITEMS) {
            int end = Math.min(to, start + KvFraming.MAX_BATCH_ITEMS);
            List<KvFraming.BatchItem> items = new ArrayList<>(end - start);
            for (int r = start; r < end; r++) {
                int have;
                synchronized (sendLocks[layer]) {
                    have = stored[seqs[r]][layer];
                }
                if (lengths[r] > have) {
                    throw new IllegalStateException("length: slot " + seqs[r] + " layer " + layer + " attends over "
                            + lengths[r] + " positions but storage holds " + have
                            + " (positions not appended, or appended out of order)");
                }
                int qo = qOff + r * qStride;
                items.add(new KvFraming.BatchItem(require(seqs[r]), lengths[r],
                        Arrays.copyOfRange(q, qo, qo + qFloats)));
            }
            List<KvFraming.BatchResult> results = client.attentionBatch(layer, items);
            for (int r = start; r < end; r++) {
                System.arraycopy(results.get(r - start).out(), 0, out, outOff + r * outStride, qFloats);
            }
        }
    }

    private UUID require(int slot) {
        UUID id = ids.get(slot);
        if (id == null) {
            throw new IllegalStateException("slot: slot " + slot + " has no stored sequence (not opened)");
        }
        return id;
    }

    private void dropBuffered(int slot) {
        for (int l = 0; l < layers; l++) {
            synchronized (bufferLocks[l]) {
                buffers.get(l).removeIf(row -> row.slot == slot);
            }
        }
    }

    private void setStored(int slot, int length) {
        for (int l = 0; l < layers; l++) {
            synchronized (sendLocks[l]) {
                stored[slot][l] = length;
            }
        }
    }
}

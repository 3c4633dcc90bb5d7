package io.mlsyslab.storage.client;

import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.kernel.KvFormat;
import java.util.List;
import java.util.UUID;

/**
 * nn-core's {@link AttentionBackend} over storage-service: {@link #append} stores one position of one layer
 * (position-checked: the service answers 409 if {@code pos} is not the layer's length) and {@link #attend} runs the
 * attention in storage, sending only q and receiving only the output. Decoder slot {@code seq} maps to
 * {@code sequences.get(seq)}. Thread-safe (the decoder calls attend from several lanes).
 */
public final class RemoteAttentionBackend implements AttentionBackend {
    private final StorageKvClient client;
    private final List<UUID> sequences;
    private final KvFormat dtype;
    private final int nHead;
    private final int rowFloats;
    private final int headDim;

    /**
     * @param sequences one stored sequence per decoder slot, all of shape {@code kvHeads × headDim} in {@code dtype}
     * @param nHead     query heads (a multiple of kvHeads)
     */
    public RemoteAttentionBackend(StorageKvClient client, List<UUID> sequences, KvFormat dtype, int nHead,
                                  int kvHeads, int headDim) {
        if (nHead < 1 || kvHeads < 1 || nHead % kvHeads != 0) {
            throw new IllegalArgumentException("nHead: must be a positive multiple of kvHeads=" + kvHeads
                    + ", was " + nHead);
        }
        this.client = client;
        this.sequences = List.copyOf(sequences);
        this.dtype = dtype;
        this.nHead = nHead;
        this.rowFloats = kvHeads * headDim;
        this.headDim = headDim;
    }

    @Override
    public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
        client.appendLayer(sequences.get(seq), dtype, layer, pos, 1, k, kOff, v, vOff, rowFloats);
    }

    @Override
    public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
        float[] o = client.attention(sequences.get(seq), layer, length, q, qOff, nHead * headDim);
        System.arraycopy(o, 0, out, outOff, nHead * headDim);
    }
}

package io.mlsyslab.nn.decode;

import io.mlsyslab.nn.kernel.DecodeAttention;

/** An {@link AttentionBackend} over a local {@link KvCache}, using the streaming-softmax decode kernel. */
public final class CachedAttention implements AttentionBackend {
    private final KvCache cache;
    private final int nHead;

    /**
     * @param cache the key/value storage
     * @param nHead query heads; a multiple of the cache's key/value heads (grouped-query attention otherwise)
     */
    public CachedAttention(KvCache cache, int nHead) {
        if (nHead < 1 || nHead % cache.kvHeads() != 0) {
            throw new IllegalArgumentException("nHead: must be a positive multiple of kvHeads=" + cache.kvHeads()
                    + ", was " + nHead);
        }
        this.cache = cache;
        this.nHead = nHead;
    }

    /** The underlying cache. */
    public KvCache cache() {
        return cache;
    }

    @Override
    public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
        cache.write(layer, seq, pos, k, kOff, v, vOff);
    }

    @Override
    public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
        if (length > cache.capacity()) {
            throw new IllegalArgumentException("length: " + length + " exceeds cache capacity " + cache.capacity());
        }
        DecodeAttention.attend(q, qOff, cache.keys(layer, seq), cache.values(layer, seq), length, nHead,
                cache.kvHeads(), cache.headDim(), out, outOff);
    }
}

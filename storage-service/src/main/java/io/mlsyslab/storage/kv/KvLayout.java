package io.mlsyslab.storage.kv;

import io.mlsyslab.nn.kernel.KvFormat;

/**
 * Shape of one stored sequence and where its data goes: {@code layers × kvHeads} streams for keys and as many for
 * values; page {@code p} of a stream holds tokens {@code [p·T, (p+1)·T)} of that (layer, kv-head, K|V) as
 * {@code [T][headDim]} little-endian elements, {@code T = pageSize / (headDim · bytes)}.
 *
 * @param layers   transformer layers, {@code >= 1}
 * @param kvHeads  key/value heads per layer, {@code >= 1}
 * @param headDim  elements per head, {@code >= 1}
 * @param format   element format
 * @param pageSize page size of the store in bytes
 */
public record KvLayout(int layers, int kvHeads, int headDim, KvFormat format, int pageSize) {
    /** Largest layer count accepted. */
    public static final int MAX_LAYERS = 4096;
    /** Largest kv-head count accepted. */
    public static final int MAX_KV_HEADS = 1024;

    public KvLayout {
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new IllegalArgumentException("layers: must be in [1, " + MAX_LAYERS + "], was " + layers);
        }
        if (kvHeads < 1 || kvHeads > MAX_KV_HEADS) {
            throw new IllegalArgumentException("kvHeads: must be in [1, " + MAX_KV_HEADS + "], was " + kvHeads);
        }
        if (format == null) {
            throw new IllegalArgumentException("dtype: must be one of f32, f16, bf16");
        }
        if (headDim < 1 || (long) headDim * format.bytes() > pageSize) {
            throw new IllegalArgumentException("headDim: one row (" + headDim + " × " + format.bytes()
                    + " B) must fit a page of " + pageSize + " B, was " + headDim);
        }
    }

    /** Bytes of one token of one head. */
    public int rowBytes() {
        return headDim * format.bytes();
    }

    /** Tokens per page (T). */
    public int tokensPerPage() {
        return pageSize / rowBytes();
    }

    /** Streams: layers × {K, V} × kvHeads. */
    public int streams() {
        return layers * 2 * kvHeads;
    }

    /** Stream index of (layer, kind 0 = K / 1 = V, head). */
    public int stream(int layer, int kind, int head) {
        return (layer * 2 + kind) * kvHeads + head;
    }

    /** Bytes of one token of one layer for K or V: {@code kvHeads · rowBytes}. */
    public long tokenBytes() {
        return (long) kvHeads * rowBytes();
    }

    /** Bytes an append of {@code tokens} carries for {@code layerCount} layers (K then V per layer). */
    public long appendBytes(int layerCount, int tokens) {
        return 2L * layerCount * tokens * tokenBytes();
    }

    /** Bytes of K and V of one token in every layer (κ). */
    public long bytesPerToken() {
        return 2L * layers * tokenBytes();
    }
}

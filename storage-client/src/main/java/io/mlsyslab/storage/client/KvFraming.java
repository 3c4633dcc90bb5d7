package io.mlsyslab.storage.client;

import io.mlsyslab.nn.kernel.HalfFloats;
import io.mlsyslab.nn.kernel.KvFormat;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary framing of the KV data plane, shared by storage-service and its clients. Everything is little-endian.
 *
 * <ul>
 *   <li><b>Rows</b> (append bodies, layer fetches): K {@code [n][kvHeads][headDim]} then V alike, per layer, in the
 *       sequence's dtype (f32: IEEE binary32; f16: IEEE binary16; bf16: the top 16 bits of binary32, rounded to
 *       nearest even).</li>
 *   <li><b>Query / output</b> of single attention: f32 {@code [qHeads][headDim]}, nothing else.</li>
 *   <li><b>Batched attention request</b>: {@code u32 magic "KVB1" (0x3142564B)}, {@code u32 count}, then per item
 *       {@code i64 uuidMostSig, i64 uuidLeastSig, i32 length (-1 = all stored tokens), u32 qFloats,
 *       f32[qFloats] q}.</li>
 *   <li><b>Batched per-layer append request</b>: {@code u32 magic "KVA1" (0x3141564B)}, {@code u32 count}, then per
 *       item {@code i64 uuidMostSig, i64 uuidLeastSig, i32 pos (-1 = at the end), u32 tokens}, followed by that
 *       item's rows: K {@code [tokens][kvHeads][headDim]} then V, in the sequence's dtype.</li>
 *   <li><b>Batched attention response</b>: {@code u32 magic "KVR1" (0x3152564B)}, {@code u32 count}, then per item in
 *       request order {@code i32 length attended, u32 outFloats, f32[outFloats] out}.</li>
 * </ul>
 */
public final class KvFraming {
    public static final int BATCH_REQUEST_MAGIC = 0x3142564B;
    public static final int BATCH_RESPONSE_MAGIC = 0x3152564B;
    public static final int BATCH_APPEND_MAGIC = 0x3141564B;
    /** Most items one batched call may carry. */
    public static final int MAX_BATCH_ITEMS = 4096;
    /** Most floats one query may carry. */
    public static final int MAX_QUERY_FLOATS = 1 << 20;

    private KvFraming() {
    }

    /** One item of a batched attention request. */
    public record BatchItem(UUID sequence, int length, float[] q) {
    }

    /** One item of a batched attention response. */
    public record BatchResult(int length, float[] out) {
    }

    /** One item of a batched per-layer append: its header and its encoded rows (K then V). */
    public record AppendItem(UUID sequence, int pos, int tokens, byte[] rows) {
    }

    /** Header of one item of a batched append, as read by the server. */
    public record AppendHeader(UUID sequence, int pos, int tokens) {
    }

    /** The encoded batched append request. */
    public static byte[] appendBatchRequest(List<AppendItem> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(8).putInt(BATCH_APPEND_MAGIC).putInt(items.size()).array());
        for (AppendItem item : items) {
            out.writeBytes(le(24).putLong(item.sequence().getMostSignificantBits())
                    .putLong(item.sequence().getLeastSignificantBits()).putInt(item.pos()).putInt(item.tokens())
                    .array());
            out.writeBytes(item.rows());
        }
        return out.toByteArray();
    }

    /** Reads the batched append preamble; returns the item count. */
    public static int readAppendPreamble(InputStream in) throws IOException {
        ByteBuffer head = read(in, 8, "body");
        if (head.getInt() != BATCH_APPEND_MAGIC) {
            throw new IllegalArgumentException("body: batched append must start with magic KVA1 (0x3141564B)");
        }
        int count = head.getInt();
        if (count < 1 || count > MAX_BATCH_ITEMS) {
            throw new IllegalArgumentException("count: must be in [1, " + MAX_BATCH_ITEMS + "], was "
                    + Integer.toUnsignedString(count));
        }
        return count;
    }

    /** Reads the header of item {@code index} of a batched append (its rows follow in the stream). */
    public static AppendHeader readAppendHeader(InputStream in, int index) throws IOException {
        ByteBuffer b = read(in, 24, "items[" + index + "]");
        UUID id = new UUID(b.getLong(), b.getLong());
        int pos = b.getInt(), tokens = b.getInt();
        if (pos < -1) {
            throw new IllegalArgumentException("items[" + index + "].pos: must be >= -1, was " + pos);
        }
        return new AppendHeader(id, pos, tokens);
    }

    /** Encodes {@code n} floats in a dtype, appending to {@code out}. */
    public static void encodeRows(float[] src, int off, int n, KvFormat format, ByteBuffer out) {
        for (int i = 0; i < n; i++) {
            float f = src[off + i];
            switch (format) {
                case F32 -> out.putFloat(f);
                case F16 -> out.putShort(HalfFloats.toFp16(f));
                case BF16 -> out.putShort(HalfFloats.toBf16(f));
            }
        }
    }

    /** Decodes {@code n} dtype values from {@code in} into {@code dst[off..]}. */
    public static void decodeRows(ByteBuffer in, KvFormat format, float[] dst, int off, int n) {
        ByteBuffer b = in.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            dst[off + i] = switch (format) {
                case F32 -> b.getFloat();
                case F16 -> HalfFloats.fromFp16(b.getShort());
                case BF16 -> HalfFloats.fromBf16(b.getShort());
            };
        }
    }

    /** f32 little-endian bytes of {@code n} floats. */
    public static byte[] floatsToBytes(float[] src, int off, int n) {
        ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(src, off, n);
        return b.array();
    }

    /** Floats of f32 little-endian bytes (length must be a multiple of 4). */
    public static float[] bytesToFloats(byte[] bytes) {
        return bytesToFloatsNamed(bytes, "body");
    }

    /** Floats of f32 little-endian bytes; a length not a multiple of 4 throws naming {@code field}. */
    public static float[] bytesToFloatsNamed(byte[] bytes, String field) {
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException(field + ": " + bytes.length
                    + " bytes is not a whole number of f32 values");
        }
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Writes a batched attention request. */
    public static void writeBatchRequest(List<BatchItem> items, OutputStream out) throws IOException {
        ByteBuffer head = le(8).putInt(BATCH_REQUEST_MAGIC).putInt(items.size());
        out.write(head.array());
        for (BatchItem item : items) {
            ByteBuffer b = le(24).putLong(item.sequence().getMostSignificantBits())
                    .putLong(item.sequence().getLeastSignificantBits()).putInt(item.length()).putInt(item.q().length);
            out.write(b.array());
            out.write(floatsToBytes(item.q(), 0, item.q().length));
        }
    }

    /** The encoded batched request. */
    public static byte[] batchRequest(List<BatchItem> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeBatchRequest(items, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a batched attention request; malformed input throws {@code IllegalArgumentException} naming the part
     * ({@code body}, {@code items[i].q}, ...).
     */
    public static List<BatchItem> readBatchRequest(InputStream in) throws IOException {
        ByteBuffer head = read(in, 8, "body");
        if (head.getInt() != BATCH_REQUEST_MAGIC) {
            throw new IllegalArgumentException("body: batched attention must start with magic KVB1 (0x3142564B)");
        }
        int count = head.getInt();
        if (count < 1 || count > MAX_BATCH_ITEMS) {
            throw new IllegalArgumentException("count: must be in [1, " + MAX_BATCH_ITEMS + "], was "
                    + Integer.toUnsignedString(count));
        }
        List<BatchItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteBuffer b = read(in, 24, "items[" + i + "]");
            UUID id = new UUID(b.getLong(), b.getLong());
            int length = b.getInt();
            int n = b.getInt();
            if (length < -1) {
                throw new IllegalArgumentException("items[" + i + "].length: must be >= -1, was " + length);
            }
            if (n < 1 || n > MAX_QUERY_FLOATS) {
                throw new IllegalArgumentException("items[" + i + "].q: float count must be in [1, "
                        + MAX_QUERY_FLOATS + "], was " + Integer.toUnsignedString(n));
            }
            float[] q = new float[n];
            read(in, 4 * n, "items[" + i + "].q").asFloatBuffer().get(q);
            items.add(new BatchItem(id, length, q));
        }
        if (in.read() >= 0) {
            throw new IllegalArgumentException("body: bytes after the last of " + count + " items");
        }
        return items;
    }

    /** Writes a batched attention response. */
    public static void writeBatchResponse(List<BatchResult> results, OutputStream out) throws IOException {
        out.write(le(8).putInt(BATCH_RESPONSE_MAGIC).putInt(results.size()).array());
        for (BatchResult r : results) {
            out.write(le(8).putInt(r.length()).putInt(r.out().length).array());
            out.write(floatsToBytes(r.out(), 0, r.out().length));
        }
    }

    /** Reads a batched attention response. */
    public static List<BatchResult> readBatchResponse(InputStream in) throws IOException {
        ByteBuffer head = read(in, 8, "response");
        if (head.getInt() != BATCH_RESPONSE_MAGIC) {
            throw new IOException("response: not a KVR1 batched attention response");
        }
        int count = head.getInt();
        List<BatchResult> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteBuffer b = read(in, 8, "response");
            int length = b.getInt(), n = b.getInt();
            float[] o = new float[n];
            read(in, 4 * n, "response").asFloatBuffer().get(o);
            out.add(new BatchResult(length, o));
        }
        return out;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer read(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            if (what.equals("response")) {
                throw new EOFException("response: truncated");
            }
            throw new IllegalArgumentException(what + ": body ended early (needed " + n + " more bytes, got "
                    + b.length + ")");
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}

package io.mlsyslab.training.transport;

import io.mlsyslab.training.quant.Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire format of a synchronisation message: a {@value #HEADER_BYTES}-byte little-endian header followed by
 * {@code codec.encodedBytes(count)} payload bytes.
 * <pre>
 *   int   magic 0x4D4C5359 ("MLSY")
 *   byte  kind (1 = gradient chunk of a ring all-reduce, 2 = outer gradient of an all-gather)
 *   byte  codec id
 *   short origin rank (whose values the payload carries, for all-gather forwarding)
 *   int   step (inner step at which the sync was issued)
 *   int   fragment (or 0)
 *   int   chunk (ring chunk index, or 0)
 *   int   count (values in the payload)
 * </pre>
 * A receiver checks kind, step, fragment and chunk against what it expects, so a protocol slip fails loudly.
 */
public final class Messages {
    public static final int HEADER_BYTES = 24;
    public static final int MAGIC = 0x4D4C5359;
    public static final byte GRADIENT_CHUNK = 1;
    public static final byte OUTER_GRADIENT = 2;

    private Messages() {
    }

    /** Total message bytes for {@code count} values. */
    public static long messageBytes(Codec codec, long count) {
        return HEADER_BYTES + codec.encodedBytes(count);
    }

    /** Packs {@code n} values of {@code src} from {@code off}. */
    public static byte[] encode(byte kind, Codec codec, int origin, int step, int fragment, int chunk,
                                float[] src, int off, int n) {
        byte[] out = new byte[Math.toIntExact(messageBytes(codec, n))];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put(kind).put(codec.id()).putShort((short) origin)
                .putInt(step).putInt(fragment).putInt(chunk).putInt(n);
        codec.encode(src, off, n, b);
        if (b.position() != out.length) {
            throw new IllegalStateException("encoded " + b.position() + " bytes, expected " + out.length);
        }
        return out;
    }

    /** A parsed header plus the position of the payload. */
    public record Header(byte kind, Codec codec, int origin, int step, int fragment, int chunk, int count) {
    }

    /** Parses the header of {@code message} and checks its length. */
    public static Header header(byte[] message) {
        if (message.length < HEADER_BYTES) {
            throw new TransportException("message: " + message.length + " bytes, shorter than the header");
        }
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) {
            throw new TransportException("message: bad magic");
        }
        byte kind = b.get();
        Codec codec = Codec.fromId(b.get());
        Header h = new Header(kind, codec, b.getShort(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
        if (message.length != messageBytes(codec, h.count())) {
            throw new TransportException("message: " + message.length + " bytes, header says "
                    + messageBytes(codec, h.count()));
        }
        return h;
    }

    /** Parses {@code message}, checks it is the expected one and decodes its payload into {@code dst}. */
    public static Header decode(byte[] message, byte kind, int step, int fragment, int chunk, float[] dst, int off,
                                int n) {
        Header h = header(message);
        if (h.kind() != kind || h.step() != step || h.fragment() != fragment || h.chunk() != chunk
                || h.count() != n) {
            throw new TransportException("message: expected kind " + kind + " step " + step + " fragment "
                    + fragment + " chunk " + chunk + " count " + n + ", got " + h);
        }
        ByteBuffer b = ByteBuffer.wrap(message, HEADER_BYTES, message.length - HEADER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        h.codec().decode(b, n, dst, off);
        return h;
    }
}

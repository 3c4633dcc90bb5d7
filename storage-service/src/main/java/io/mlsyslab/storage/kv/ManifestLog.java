package io.mlsyslab.storage.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The store's manifest: an append-only file of records {@code [u32 length][u32 crc32c][payload]} (little-endian).
 * A record is acknowledged once it is written and forced. On open, records are replayed in order until the first
 * one that is incomplete or whose checksum does not match: that torn tail is cut off, since it was never
 * acknowledged (an append is acknowledged only after its record is forced).
 */
final class ManifestLog implements AutoCloseable {
    static final int MAX_RECORD = 1 << 30;
    private final Path file;
    private FileChannel channel;
    private long size;

    /** What a replay found. */
    record Replay(long records, long validBytes, long discardedBytes) {
    }

    private ManifestLog(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Opens (creating if absent) and replays every valid record through {@code apply}; cuts a torn tail. */
    static ManifestLog open(Path file, Consumer<ByteBuffer> apply, Replay[] found) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long fileSize = ch.size();
        long pos = 0;
        long records = 0;
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 8 <= fileSize) {
            head.clear();
            readFully(ch, head, pos);
            int length = head.getInt(0);
            int crc = head.getInt(4);
            if (length <= 0 || length > MAX_RECORD || pos + 8 + length > fileSize) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, payload, pos + 8);
            CRC32C c = new CRC32C();
            c.update(payload.array(), 0, length);
            if ((int) c.getValue() != crc) {
                break;
            }
            payload.rewind();
            apply.accept(payload);
            records++;
            pos += 8 + length;
        }
        if (pos < fileSize) {
            ch.truncate(pos);
            ch.force(true);
        }
        found[0] = new Replay(records, pos, fileSize - pos);
        return new ManifestLog(file, ch, pos);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("manifest: unexpected end of file");
            }
        }
        buf.flip();
    }

    /** Appends records and forces them to the device: on return they are durable. */
    void append(List<byte[]> payloads) {
        try {
            ByteBuffer all = frame(payloads);
            long at = size;
            while (all.hasRemaining()) {
                at += channel.write(all, at);
            }
            channel.force(false);
            size = at;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the whole manifest by {@code payloads} atomically (write a new file, force, rename). */
    void rewrite(List<byte[]> payloads) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer all = frame(payloads);
                while (all.hasRemaining()) {
                    out.write(all);
                }
                out.force(true);
            }
            channel.close();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // not every platform can force a directory; the rename is still atomic
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer frame(List<byte[]> payloads) {
        long total = 0;
        for (byte[] p : payloads) {
            total += 8 + p.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tokens: manifest record too large (" + total + " B)");
        }
        ByteBuffer all = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] p : payloads) {
            if (p.length > MAX_RECORD) {
                throw new IllegalArgumentException("tokens: manifest record too large (" + p.length + " B)");
            }
            CRC32C c = new CRC32C();
            c.update(p);
            all.putInt(p.length).putInt((int) c.getValue()).put(p);
        }
        return all.flip();
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

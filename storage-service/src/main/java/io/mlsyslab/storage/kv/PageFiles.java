package io.mlsyslab.storage.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The emulated flash: one file per channel, split into erase blocks of {@code blockPages} pages. Within a block
 * pages are programmed strictly in order (a write pointer) and never rewritten until the block is erased; each
 * channel keeps one open block. Pages are read through read-only mappings of fixed-size extents of the files.
 *
 * <p>Per block the allocator tracks the write pointer and the number of live pages; a block whose pages are all
 * dead is erased by {@code reclaim}, one that is mostly dead is emptied by compaction first. Not thread-safe for
 * writers (the store serialises them); {@link #page} may be called concurrently.
 */
final class PageFiles implements AutoCloseable {
    private static final long EXTENT_TARGET = 64L << 20;
    private final int pageSize;
    private final int blockPages;
    private final long extentBytes;
    private final FileChannel[] files;
    private final Channel[] channels;
    private final Arena arena = Arena.ofShared();
    /**
     * Mapped extents per channel, {@code [channel][extent]}. Readers look up without locking (every page read of an
     * attention scan passes here); a new mapping replaces the channel's array by a longer copy, never writes into a
     * published one, and publishes it through the volatile field.
     */
    private volatile MemorySegment[][] extents;

    private static final class Channel {
        int[] pointer = new int[16];
        int[] live = new int[16];
        int blocks;
        int open = -1;
        long fileSize;

        void ensure(int block) {
            if (block >= pointer.length) {
                int n = Math.max(block + 1, pointer.length * 2);
                pointer = Arrays.copyOf(pointer, n);
                live = Arrays.copyOf(live, n);
            }
            blocks = Math.max(blocks, block + 1);
        }
    }

    PageFiles(Path dir, int channelCount, int pageSize, int blockPages) throws IOException {
        this(dir, channelCount, pageSize, blockPages, EXTENT_TARGET);
    }

    /** With mappings of about {@code extentTarget} bytes (whole erase blocks; tests use small ones). */
    PageFiles(Path dir, int channelCount, int pageSize, int blockPages, long extentTarget) throws IOException {
        this.pageSize = pageSize;
        this.blockPages = blockPages;
        long blockBytes = (long) pageSize * blockPages;
        this.extentBytes = blockBytes * Math.max(1, extentTarget / blockBytes);
        this.files = new FileChannel[channelCount];
        this.channels = new Channel[channelCount];
        this.extents = new MemorySegment[channelCount][0];
        for (int c = 0; c < channelCount; c++) {
            files[c] = FileChannel.open(dir.resolve("channel-" + c + ".dat"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            channels[c] = new Channel();
            channels[c].fileSize = files[c].size();
        }
    }

    int channels() {
        return files.length;
    }

    int blockPages() {
        return blockPages;
    }

    /** Takes the next free slot of the channel's open block (opening the lowest free block when needed). */
    int allocate(int c, int avoidBlock) {
        Channel ch = channels[c];
        if (ch.open < 0 || ch.pointer[ch.open] == blockPages || ch.open == avoidBlock) {
            ch.open = freeBlock(ch, avoidBlock);
            ensureFile(c, ch.open);
        }
        int block = ch.open;
        return block * blockPages + ch.pointer[block]++;
    }

    private int freeBlock(Channel ch, int avoidBlock) {
        for (int b = 0; b < ch.blocks; b++) {
            if (ch.pointer[b] == 0 && b != avoidBlock) {
                return b;
            }
        }
        int b = ch.blocks;
        ch.ensure(b);
        return b;
    }

    private void ensureFile(int c, int block) {
        long end = ((long) block * blockPages * pageSize / extentBytes + 1) * extentBytes;
        if (channels[c].fileSize < end) {
            try {
                files[c].write(ByteBuffer.wrap(new byte[1]), end - 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            channels[c].fileSize = end;
        }
    }

    /** Programs one page (exactly pageSize bytes) at a slot returned by {@link #allocate}. */
    void write(int c, int slot, ByteBuffer page) {
        if (page.remaining() != pageSize) {
            throw new IllegalStateException("page of " + page.remaining() + " bytes");
        }
        try {
            long at = (long) slot * pageSize;
            while (page.hasRemaining()) {
                at += files[c].write(page, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void force(int c) {
        try {
            files[c].force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page at a slot, a slice of a read-only mapping. */
    MemorySegment page(int c, int slot) {
        return extentOf(c, slot).asSlice(offsetInExtent(slot), pageSize);
    }

    /**
     * The read-only mapping that holds the page at a slot (the page starts at {@link #offsetInExtent}): readers
     * that visit many pages use it instead of {@link #page}, which allocates a slice per page.
     */
    MemorySegment extentOf(int c, int slot) {
        int extent = (int) ((long) slot * pageSize / extentBytes);
        MemorySegment[] mapped = extents[c];
        MemorySegment seg = extent < mapped.length ? mapped[extent] : null;
        return seg != null ? seg : map(c, extent);
    }

    /** Byte offset of a slot's page inside {@link #extentOf}. */
    long offsetInExtent(int slot) {
        return (long) slot * pageSize % extentBytes;
    }

    private synchronized MemorySegment map(int c, int extent) {
        MemorySegment[][] all = extents;
        MemorySegment[] mapped = all[c];
        if (extent < mapped.length && mapped[extent] != null) {
            return mapped[extent];
        }
        MemorySegment seg;
        try {
            seg = files[c].map(FileChannel.MapMode.READ_ONLY, extent * extentBytes, extentBytes, arena);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MemorySegment[] grown = Arrays.copyOf(mapped, Math.max(mapped.length, extent + 1));
        grown[extent] = seg;
        MemorySegment[][] next = all.clone();
        next[c] = grown;
        extents = next;
        return seg;
    }

    void markLive(int c, int slot) {
        Channel ch = channels[c];
        int block = slot / blockPages;
        ch.ensure(block);
        ch.live[block]++;
        ch.pointer[block] = Math.max(ch.pointer[block], slot % blockPages + 1);
        ensureFile(c, block);
    }

    void kill(int c, int slot) {
        channels[c].live[slot / blockPages]--;
    }

    /** Restores a block's write pointer from a snapshot. */
    void restorePointer(int c, int block, int pointer) {
        Channel ch = channels[c];
        ch.ensure(block);
        ch.pointer[block] = Math.max(ch.pointer[block], pointer);
        if (pointer > 0) {
            ensureFile(c, block);
        }
    }

    int[] pointers(int c) {
        return Arrays.copyOf(channels[c].pointer, channels[c].blocks);
    }

    /**
     * After recovery: a block that was partly programmed may hold pages written just before a crash that no
     * record mentions; it is closed (no further programming) and becomes reclaimable like any full block.
     */
    void retirePartialBlocks() {
        for (Channel ch : channels) {
            for (int b = 0; b < ch.blocks; b++) {
                if (ch.pointer[b] > 0) {
                    ch.pointer[b] = blockPages;
                }
            }
            ch.open = -1;
        }
    }

    /** Blocks (channel, block) with no live page that are programmed and not open: erasable as they are. */
    List<int[]> deadBlocks() {
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c < channels.length; c++) {
            Channel ch = channels[c];
            for (int b = 0; b < ch.blocks; b++) {
                if (ch.pointer[b] > 0 && ch.live[b] == 0 && b != ch.open) {
                    out.add(new int[]{c, b});
                }
            }
        }
        return out;
    }

    /** Full blocks with some live pages but at most {@code fraction} of the block live: worth compacting. */
    List<int[]> sparseBlocks(double fraction) {
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c < channels.length; c++) {
            Channel ch = channels[c];
            for (int b = 0; b < ch.blocks; b++) {
                if (ch.pointer[b] == blockPages && b != ch.open && ch.live[b] > 0
                        && ch.live[b] <= fraction * blockPages) {
                    out.add(new int[]{c, b});
                }
            }
        }
        return out;
    }

    /** Erases a block with no live page; returns the bytes of programmed (dead) pages it held. */
    long erase(int c, int block) {
        Channel ch = channels[c];
        if (ch.live[block] != 0) {
            throw new IllegalStateException("block " + c + "/" + block + " still has live pages");
        }
        long reclaimed = (long) ch.pointer[block] * pageSize;
        ch.pointer[block] = 0;
        if (ch.open == block) {
            ch.open = -1;
        }
        return reclaimed;
    }

    /** Programmed bytes (live and dead pages of every non-erased block). */
    long programmedBytes() {
        long n = 0;
        for (Channel ch : channels) {
            for (int b = 0; b < ch.blocks; b++) {
                n += ch.pointer[b];
            }
        }
        return n * pageSize;
    }

    /** Bytes of live pages. */
    long liveBytes() {
        long n = 0;
        for (Channel ch : channels) {
            for (int b = 0; b < ch.blocks; b++) {
                n += ch.live[b];
            }
        }
        return n * pageSize;
    }

    /** Blocks ever used across channels (the files' extent in blocks). */
    long blocks() {
        long n = 0;
        for (Channel ch : channels) {
            n += ch.blocks;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        for (FileChannel f : files) {
            f.close();
        }
        arena.close();
    }
}

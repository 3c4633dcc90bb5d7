package io.mlsyslab.storage.kv;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A consistent read view of one layer of a sequence: its first {@link #length()} tokens as pages per kv-head,
 * sealed pages straight from the mapped channel files (no copy), the open tail page from a snapshot of memory.
 * Holds the store's read lock until {@link #close()} (call it from the opening thread); the page accessors may be
 * used from any thread while the view is open.
 */
public final class LayerView implements AutoCloseable {
    private final KvStore store;
    private final KvLayout layout;
    private final int layer;
    private final int length;
    private final int[][] slots;
    private final MemorySegment[] tails;
    private boolean closed;

    LayerView(KvStore store, KvLayout layout, int layer, int length, int[][] slots, byte[][] tails) {
        this.store = store;
        this.layout = layout;
        this.layer = layer;
        this.length = length;
        this.slots = slots;
        this.tails = new MemorySegment[tails.length];
        for (int i = 0; i < tails.length; i++) {
            this.tails[i] = tails[i] == null ? null : MemorySegment.ofArray(tails[i]);
        }
    }

    public KvLayout layout() {
        return layout;
    }

    public int layer() {
        return layer;
    }

    /** Tokens visible through this view. */
    public int length() {
        return length;
    }

    /** Pages covering {@link #length()} tokens. */
    public int pages() {
        int t = layout.tokensPerPage();
        return (length + t - 1) / t;
    }

    /** Tokens of page {@code page} inside the view. */
    public int tokens(int page) {
        int t = layout.tokensPerPage();
        return Math.min(t, length - page * t);
    }

    /** Keys of kv-head {@code head}, page {@code page}: {@code [T][headDim]} little-endian. */
    public MemorySegment keys(int head, int page) {
        return page(0, head, page);
    }

    /** Values of kv-head {@code head}, page {@code page}. */
    public MemorySegment values(int head, int page) {
        return page(1, head, page);
    }

    /**
     * The segment holding the keys ({@code kind} 0) or values (1) of kv-head {@code head}, page {@code page}, from
     * {@link #offset}: a whole mapped extent of a channel file for a sealed page, the tail's snapshot for the open
     * one. Unlike {@link #keys}/{@link #values} it allocates nothing, for scans that visit every page.
     */
    public MemorySegment segment(int kind, int head, int page) {
        int i = index(kind, head, page);
        return page < slots[i].length ? store.pageExtent(layout, layer, kind, head, page, slots[i][page]) : tails[i];
    }

    /** Byte offset of the page inside {@link #segment}. */
    public long offset(int kind, int head, int page) {
        int i = index(kind, head, page);
        return page < slots[i].length ? store.pageOffset(slots[i][page]) : 0;
    }

    private int index(int kind, int head, int page) {
        if (page < 0 || page >= pages()) {
            throw new IndexOutOfBoundsException("page " + page + " of " + pages());
        }
        if (kind < 0 || kind > 1 || head < 0 || head >= layout.kvHeads()) {
            throw new IndexOutOfBoundsException("kind " + kind + ", head " + head + " of " + layout.kvHeads());
        }
        return kind * layout.kvHeads() + head;
    }

    /**
     * Where the keys of kv-head {@code head}, page {@code page} lie in the channel files, as
     * {@code channel × 2^32 + slot}, or {@code -1} for a page held in memory (the open tail). Readers that visit
     * pages in this order read each channel file front to back instead of jumping 4 KiB at a time.
     */
    public long keyLocation(int head, int page) {
        if (page < 0 || page >= pages()) {
            throw new IndexOutOfBoundsException("page " + page + " of " + pages());
        }
        if (page >= slots[head].length) {
            return -1;
        }
        int channel = (page + layout.stream(layer, 0, head)) % store.config().channels();
        return ((long) channel << 32) | slots[head][page];
    }

    private MemorySegment page(int kind, int head, int page) {
        int i = index(kind, head, page);
        return page < slots[i].length ? store.page(layout, layer, kind, head, page, slots[i][page]) : tails[i];
    }

    /** Writes K {@code [length][kvHeads][headDim]} then V alike, little-endian in the sequence's format. */
    public void writeTo(OutputStream out) throws IOException {
        int h = layout.kvHeads(), rowBytes = layout.rowBytes(), t = layout.tokensPerPage();
        byte[] buf = new byte[Math.max(rowBytes * h, (1 << 18) / (rowBytes * h) * rowBytes * h)];
        int tokensPerBuf = buf.length / (rowBytes * h);
        for (int kind = 0; kind < 2; kind++) {
            MemorySegment[] current = new MemorySegment[h];
            int currentPage = -1;
            for (int j0 = 0; j0 < length; j0 += tokensPerBuf) {
                int n = Math.min(tokensPerBuf, length - j0);
                for (int j = 0; j < n; j++) {
                    int pos = j0 + j;
                    if (pos / t != currentPage) {
                        currentPage = pos / t;
                        for (int hd = 0; hd < h; hd++) {
                            current[hd] = page(kind, hd, currentPage);
                        }
                    }
                    for (int hd = 0; hd < h; hd++) {
                        MemorySegment.copy(current[hd], ValueLayout.JAVA_BYTE, (long) (pos % t) * rowBytes, buf,
                                (j * h + hd) * rowBytes, rowBytes);
                    }
                }
                out.write(buf, 0, n * h * rowBytes);
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.releaseView();
        }
    }
}

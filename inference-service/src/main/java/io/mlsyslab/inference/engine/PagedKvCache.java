package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.kernel.DecodeAttention;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Paged key/value memory (PagedAttention-style): a fixed pool of pages of {@code pageSize} positions each, shared
 * by all sequence slots; a slot owns an ordered list of pages (its page table) that grows as the sequence does and
 * is returned to the pool when the sequence finishes or is preempted.
 *
 * <p>Pages of one layer are one native segment {@code [page][position-in-page][kvHead][headDim]} fp32. Attention
 * over a sequence whose pages are consecutive reads them in place; otherwise the pages are gathered into a
 * per-thread contiguous buffer first (nn-core's decode kernel reads one contiguous segment), so the result is the
 * same bits either way. Page allocation is done by the scheduler thread only; appends and attention of distinct
 * positions may run concurrently.
 */
public final class PagedKvCache implements AttentionBackend {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final int layers, pages, pageSize, kvDim, nHead, kvHeads, headDim, slots;
    private final long layerBytes;
    /** The pool's memory, allocated on the first append (an engine whose KV lives elsewhere keeps only the page
     * accounting and never allocates it). */
    private volatile MemorySegment[] keys, values;
    private final int[][] pageTable;
    private final int[] pageCount;
    private final BitSet free;
    private final ThreadLocal<MemorySegment[]> scratch = ThreadLocal.withInitial(() -> new MemorySegment[2]);

    /**
     * @param layers   transformer layers
     * @param slots    sequence slots (at most this many sequences hold pages at once)
     * @param pages    pages in the pool
     * @param pageSize positions per page
     * @param nHead    query heads
     * @param kvHeads  key/value heads (nHead must be a multiple)
     * @param headDim  floats per head
     */
    public PagedKvCache(int layers, int slots, int pages, int pageSize, int nHead, int kvHeads, int headDim) {
        if (layers < 1 || slots < 1 || pages < 1 || pageSize < 1 || kvHeads < 1 || headDim < 1
                || nHead % kvHeads != 0) {
            throw new IllegalArgumentException("kvCache: invalid shape");
        }
        this.layers = layers;
        this.slots = slots;
        this.pages = pages;
        this.pageSize = pageSize;
        this.nHead = nHead;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.kvDim = kvHeads * headDim;
        this.layerBytes = (long) pages * pageSize * kvDim * Float.BYTES;
        this.pageTable = new int[slots][4];
        this.pageCount = new int[slots];
        this.free = new BitSet(pages);
        free.set(0, pages);
    }

    private void allocate() {
        if (values != null) {
            return;
        }
        synchronized (this) {
            if (values == null) {
                Arena arena = Arena.ofAuto();
                MemorySegment[] k = new MemorySegment[layers], v = new MemorySegment[layers];
                for (int l = 0; l < layers; l++) {
                    k[l] = arena.allocate(layerBytes, 64);
                    v[l] = arena.allocate(layerBytes, 64);
                }
                keys = k;
                values = v;
            }
        }
    }

    /** Bytes of key/value memory one position takes over all layers. */
    public static long bytesPerPosition(int layers, int kvHeads, int headDim) {
        return 2L * layers * kvHeads * headDim * Float.BYTES;
    }

    public int pageSize() {
        return pageSize;
    }

    public int totalPages() {
        return pages;
    }

    public int freePages() {
        return free.cardinality();
    }

    public int slots() {
        return slots;
    }

    /** Pages needed to hold {@code positions} positions. */
    public int pagesFor(int positions) {
        return (positions + pageSize - 1) / pageSize;
    }

    /** Positions the slot can hold with the pages it owns. */
    public int capacity(int slot) {
        return pageCount[slot] * pageSize;
    }

    /** Bytes of the pages in use. */
    public long usedBytes() {
        return (long) (pages - freePages()) * pageSize * kvDim * Float.BYTES * 2 * layers;
    }

    /**
     * Grows the slot's page table so it holds {@code positions} positions.
     *
     * @return false (and nothing allocated) when the pool has too few free pages
     */
    public boolean ensureCapacity(int slot, int positions) {
        int need = pagesFor(positions) - pageCount[slot];
        if (need <= 0) {
            return true;
        }
        if (need > freePages()) {
            return false;
        }
        for (int i = 0; i < need; i++) {
            int page = free.nextSetBit(0);
            free.clear(page);
            if (pageCount[slot] == pageTable[slot].length) {
                pageTable[slot] = Arrays.copyOf(pageTable[slot], pageTable[slot].length * 2);
            }
            pageTable[slot][pageCount[slot]++] = page;
        }
        return true;
    }

    /** Returns every page of the slot to the pool. */
    public void release(int slot) {
        for (int i = 0; i < pageCount[slot]; i++) {
            free.set(pageTable[slot][i]);
        }
        pageCount[slot] = 0;
    }

    @Override
    public void append(int layer, int seq, int pos, float[] k, int kOff, float[] v, int vOff) {
        if (pos >= capacity(seq)) {
            throw new IllegalStateException("kvCache: position " + pos + " of slot " + seq + " has no page");
        }
        allocate();
        long at = offset(seq, pos);
        MemorySegment.copy(k, kOff, keys[layer], F, at, kvDim);
        MemorySegment.copy(v, vOff, values[layer], F, at, kvDim);
    }

    @Override
    public void attend(int layer, int seq, int length, float[] q, int qOff, float[] out, int outOff) {
        if (length < 1 || length > capacity(seq)) {
            throw new IllegalStateException("kvCache: length " + length + " outside the pages of slot " + seq);
        }
        allocate();
        int n = pagesFor(length);
        int[] table = pageTable[seq];
        boolean contiguous = true;
        for (int i = 1; i < n && contiguous; i++) {
            contiguous = table[i] == table[0] + i;
        }
        long bytes = (long) length * kvDim * Float.BYTES;
        MemorySegment k, v;
        if (contiguous) {
            long start = (long) table[0] * pageSize * kvDim * Float.BYTES;
            k = keys[layer].asSlice(start, bytes);
            v = values[layer].asSlice(start, bytes);
        } else {
            MemorySegment[] buf = scratch.get();
            if (buf[0] == null || buf[0].byteSize() < bytes) {
                long size = Math.max(bytes, buf[0] == null ? 0 : buf[0].byteSize() * 2);
                buf[0] = Arena.ofAuto().allocate(size, 64);
                buf[1] = Arena.ofAuto().allocate(size, 64);
            }
            long pageBytes = (long) pageSize * kvDim * Float.BYTES;
            for (int i = 0; i < n; i++) {
                long len = Math.min(pageBytes, bytes - i * pageBytes);
                MemorySegment.copy(keys[layer], table[i] * pageBytes, buf[0], i * pageBytes, len);
                MemorySegment.copy(values[layer], table[i] * pageBytes, buf[1], i * pageBytes, len);
            }
            k = buf[0];
            v = buf[1];
        }
        DecodeAttention.attend(q, qOff, k, v, length, nHead, kvHeads, headDim, out, outOff);
    }

    /**
     * Copies the keys and values of positions {@code [0, positions)} of slot {@code from} into slot {@code to} in
     * every layer (a forked sequence sharing a prompt); both slots must own pages for them.
     */
    public void copyPrefix(int from, int to, int positions) {
        if (positions > capacity(from) || positions > capacity(to)) {
            throw new IllegalStateException("kvCache: copy of " + positions + " positions from slot " + from
                    + " to slot " + to + " without pages");
        }
        if (positions <= 0 || values == null) {
            return;
        }
        for (int pos = 0; pos < positions; pos += pageSize) {
            int n = Math.min(pageSize, positions - pos);
            long src = offset(from, pos), dst = offset(to, pos), bytes = (long) n * kvDim * Float.BYTES;
            for (int l = 0; l < layers; l++) {
                MemorySegment.copy(keys[l], src, keys[l], dst, bytes);
                MemorySegment.copy(values[l], src, values[l], dst, bytes);
            }
        }
    }

    private long offset(int seq, int pos) {
        int page = pageTable[seq][pos / pageSize];
        return ((long) page * pageSize + pos % pageSize) * kvDim * Float.BYTES;
    }
}

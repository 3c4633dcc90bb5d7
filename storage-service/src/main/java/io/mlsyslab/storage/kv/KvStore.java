package io.mlsyslab.storage.kv;

import io.mlsyslab.nn.kernel.KvFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * A durable, flash-aware KV-cache store (the layout of InstInfer §IV-C on emulated channels).
 *
 * <p><b>Layout.</b> A sequence's data are {@link KvLayout#streams()} streams, one per (layer, K|V, kv-head). Page
 * {@code p} of stream {@code s} holds {@code T} consecutive tokens and lives on channel {@code (p + s) mod N}, so a
 * stream's pages, and the heads of one token group, are striped round-robin over the channels.
 *
 * <p><b>Writes.</b> Append-only: a page is programmed once, when its {@code T} tokens are complete, into the next
 * slot of its channel's open erase block; the tokens of the open (incomplete) page of each stream are kept in memory
 * and written into the manifest record of the append. An append is acknowledged only after its pages are forced to
 * their channel files and its single manifest record (page slots, checksums, tail rows, new length) is forced:
 * after a kill -9 every acknowledged append is replayed, and a torn record is detected by its checksum and cut.
 *
 * <p><b>Space.</b> Deleting or truncating kills pages; {@link #reclaim()} erases blocks without live pages and
 * {@link #compact()} first moves the live pages out of mostly-dead blocks (same channel). The manifest is rewritten
 * as a snapshot once it exceeds {@link StoreConfig#checkpointBytes()}.
 *
 * <p><b>Concurrency.</b> Readers ({@link #openLayer}, {@link #readLayer}) and appends run concurrently (appends are
 * serialised among themselves); create, delete, truncate, compaction and checkpoints are exclusive.
 */
public final class KvStore implements AutoCloseable {
    private static final int CHUNK_BYTES = 1 << 20;
    /** Most tokens one append may carry. */
    public static final int MAX_APPEND_TOKENS = 1 << 20;

    private StoreConfig config;
    private PageFiles files;
    private final ManifestLog log;
    private final ManifestLog.Replay recovery;
    private final Map<UUID, SequenceState> sequences = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final AtomicLong pagesWritten = new AtomicLong();
    // a LongAdder: every page of a scan counts here, from all compute threads at once
    private final LongAdder pagesRead = new LongAdder();
    private final AtomicLong bytesScanned = new AtomicLong();
    private final AtomicLong reclaimedBytes = new AtomicLong();
    private final AtomicLong pagesMoved = new AtomicLong();
    private boolean closed;

    private KvStore(StoreConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dir());
        ManifestLog.Replay[] found = new ManifestLog.Replay[1];
        this.log = ManifestLog.open(config.dir().resolve("manifest.log"), this::replay, found);
        this.recovery = found[0];
        if (files == null) {
            files = new PageFiles(config.dir(), config.channels(), config.pageSize(), config.blockPages());
            log.append(List.of(ManifestRecords.header(config)));
        } else {
            files.retirePartialBlocks();
            reclaimLocked();
        }
    }

    /** Opens the store in {@code config.dir()}, creating it if empty, and recovers it from its manifest. */
    public static KvStore open(StoreConfig config) throws IOException {
        return new KvStore(config);
    }

    /** The effective configuration (geometry as recorded in the manifest). */
    public StoreConfig config() {
        return config;
    }

    /** What opening the store replayed and discarded. */
    public ManifestLog.Replay recovery() {
        return recovery;
    }

    // ---------------------------------------------------------------- sequences

    /** Creates an empty sequence; {@code id == null} picks a random one. */
    public SequenceInfo create(UUID id, int layers, int kvHeads, int headDim, KvFormat format) {
        KvLayout layout = new KvLayout(layers, kvHeads, headDim, format, config.pageSize());
        UUID sid = id == null ? UUID.randomUUID() : id;
        rw.writeLock().lock();
        try {
            open();
            if (sequences.containsKey(sid)) {
                throw new KvConflictException("id", "sequence " + sid + " already exists");
            }
            SequenceState s = new SequenceState(sid, layout, Instant.ofEpochMilli(System.currentTimeMillis()));
            log.append(List.of(ManifestRecords.create(s)));
            sequences.put(sid, s);
            return info(s);
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Shape, lengths and size of a sequence. */
    public SequenceInfo info(UUID id) {
        SequenceState s = get(id);
        synchronized (s) {
            return info(s);
        }
    }

    private SequenceInfo info(SequenceState s) {
        long bytes = 0;
        for (int l : s.layerLen) {
            bytes += 2L * l * s.layout.tokenBytes();
        }
        return new SequenceInfo(s.id, s.layout, s.length(), s.layerLen.clone(), bytes, s.created);
    }

    /** Every live sequence, oldest first. */
    public List<SequenceInfo> list() {
        List<SequenceInfo> out = new ArrayList<>();
        for (SequenceState s : sequences.values()) {
            synchronized (s) {
                out.add(info(s));
            }
        }
        out.sort(Comparator.comparing(SequenceInfo::created).thenComparing(SequenceInfo::id));
        return out;
    }

    private SequenceState get(UUID id) {
        SequenceState s = id == null ? null : sequences.get(id);
        if (s == null) {
            throw new UnknownSequenceException(id);
        }
        return s;
    }

    // ---------------------------------------------------------------- appends

    /**
     * Appends {@code tokens} tokens read from {@code body}: for each layer of the range, K as
     * {@code [tokens][kvHeads][headDim]} then V alike, little-endian in the sequence's format.
     *
     * @param layer    a single layer, or {@code -1} for all layers (which must then have equal lengths)
     * @param position the position the caller expects the append to start at, or {@code -1} for "at the end"
     * @return the new length of the layer, or of the sequence when all layers were appended
     * @throws KvConflictException when {@code position} is not the current length
     */
    public int append(UUID id, int layer, int position, int tokens, InputStream body) {
        if (tokens < 1 || tokens > MAX_APPEND_TOKENS) {
            throw new IllegalArgumentException("tokens: must be in [1, " + MAX_APPEND_TOKENS + "], was " + tokens);
        }
        rw.readLock().lock();
        try {
            appendLock.lock();
            try {
                open();
                return commit(List.of(prepareAppend(get(id), layer, position, tokens, body)))[0];
            } finally {
                appendLock.unlock();
            }
        } finally {
            rw.readLock().unlock();
            maybeCheckpoint();
        }
    }

    /** Appends fp32 rows, converting to the sequence's format (a convenience for tests and in-process callers). */
    public int append(UUID id, int layer, int position, int tokens, float[] k, float[] v) {
        KvLayout layout = get(id).layout;
        int layerCount = layer < 0 ? layout.layers() : 1;
        long perLayer = (long) tokens * layout.kvHeads() * layout.headDim();
        if (k.length != perLayer * layerCount || v.length != perLayer * layerCount) {
            throw new IllegalArgumentException("k: expected " + perLayer * layerCount + " floats for K and V");
        }
        byte[] bytes = new byte[(int) layout.appendBytes(layerCount, tokens)];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < layerCount; l++) {
            RowCodec.encode(k, (int) (l * perLayer), (int) perLayer, layout.format(), buf);
            RowCodec.encode(v, (int) (l * perLayer), (int) perLayer, layout.format(), buf);
        }
        return append(id, layer, position, tokens, new ByteArrayInputStream(bytes));
    }

    /** One sequence's part of a batched per-layer append. */
    public record AppendHeader(UUID id, int position, int tokens) {
    }

    /**
     * Appends to one layer of many sequences in one durable step: for each header from {@code next} (null ends the
     * batch), {@code tokens} rows K then V are read from {@code rows}. All pages are forced once and all records are
     * written with one force; nothing is acknowledged unless every item is valid (a failing item fails the batch
     * and no item is applied). A sequence may appear once per batch.
     *
     * @return the new length of the layer of each sequence, in order
     */
    public int[] appendBatch(int layer, java.util.function.Supplier<AppendHeader> next, InputStream rows) {
        rw.readLock().lock();
        try {
            appendLock.lock();
            try {
                open();
                List<PreparedAppend> prepared = new ArrayList<>();
                Set<UUID> seen = new HashSet<>();
                for (AppendHeader h = next.get(); h != null; h = next.get()) {
                    String item = "items[" + prepared.size() + "]";
                    if (h.tokens() < 1 || h.tokens() > MAX_APPEND_TOKENS) {
                        throw new IllegalArgumentException(item + ".tokens: must be in [1, " + MAX_APPEND_TOKENS
                                + "], was " + h.tokens());
                    }
                    if (!seen.add(h.id())) {
                        throw new IllegalArgumentException(item + ".id: sequence " + h.id()
                                + " appears more than once in the batch");
                    }
                    prepared.add(prepareAppend(get(h.id()), layer, h.position(), h.tokens(),
                            new BoundedInput(rows, get(h.id()).layout.appendBytes(1, h.tokens()))));
                }
                return commit(prepared);
            } finally {
                appendLock.unlock();
            }
        } finally {
            rw.readLock().unlock();
            maybeCheckpoint();
        }
    }

    /** A view of the next {@code limit} bytes of a shared stream (an item of a batch). */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int r = in.read(b, off, (int) Math.min(len, left));
            if (r > 0) {
                left -= r;
            }
            return r;
        }
    }

    /** An append whose pages are written but not yet forced, logged or visible. */
    private record PreparedAppend(byte[] record, boolean[] touched, java.util.function.IntSupplier apply) {
    }

    /** Forces the pages, logs all records with one force, then makes the appends visible. */
    private int[] commit(List<PreparedAppend> prepared) {
        int n = config.channels();
        for (int c = 0; c < n; c++) {
            for (PreparedAppend p : prepared) {
                if (p.touched()[c]) {
                    files.force(c);
                    break;
                }
            }
        }
        List<byte[]> records = new ArrayList<>(prepared.size());
        for (PreparedAppend p : prepared) {
            records.add(p.record());
        }
        if (!records.isEmpty()) {
            log.append(records);
        }
        int[] lengths = new int[prepared.size()];
        for (int i = 0; i < prepared.size(); i++) {
            lengths[i] = prepared.get(i).apply().getAsInt();
        }
        return lengths;
    }

    private PreparedAppend prepareAppend(SequenceState s, int layer, int position, int tokens, InputStream body) {
        KvLayout lay = s.layout;
        if (layer < -1 || layer >= lay.layers()) {
            throw new IllegalArgumentException("layer: must be in [0, " + (lay.layers() - 1) + "], was " + layer);
        }
        int l0 = layer < 0 ? 0 : layer;
        int lc = layer < 0 ? lay.layers() : 1;
        int from;
        synchronized (s) {
            from = s.layerLen[l0];
            for (int l = l0; l < l0 + lc; l++) {
                if (s.layerLen[l] != from) {
                    throw new KvConflictException("layer", "layers have different lengths (layer 0: "
                            + s.layerLen[0] + ", layer " + l + ": " + s.layerLen[l] + "); append layer by layer");
                }
            }
        }
        if (position >= 0 && position != from) {
            throw new KvConflictException("pos", "append at " + position + " but the " + (layer < 0 ? "sequence"
                    : "layer") + " holds " + from + " tokens");
        }
        if ((long) from + tokens > Integer.MAX_VALUE - MAX_APPEND_TOKENS) {
            throw new IllegalArgumentException("tokens: sequence would exceed the maximum length");
        }
        int t = lay.tokensPerPage(), h = lay.kvHeads(), rowBytes = lay.rowBytes(), n = config.channels();
        int firstPage = from / t;
        int sealed = (from + tokens) / t - firstPage;
        int tailStart = Math.max(from, ((from + tokens) / t) * t);
        int tailRows = from + tokens - tailStart;
        int streams = 2 * lc * h;
        int[][] newSlots = new int[streams][sealed];
        int[][] newCrcs = new int[streams][sealed];
        byte[][] newTail = new byte[streams][];
        boolean[] touched = new boolean[n];
        long tokenBytes = lay.tokenBytes();
        int chunkTokens = (int) Math.max(1, Math.min(tokens, CHUNK_BYTES / tokenBytes));
        byte[] chunk = new byte[(int) (chunkTokens * tokenBytes)];
        long expected = lay.appendBytes(lc, tokens);
        long got = 0;
        CRC32C crc = new CRC32C();
        for (int l = 0; l < lc; l++) {
            for (int kind = 0; kind < 2; kind++) {
                byte[][] bufs = new byte[h][];
                for (int hd = 0; hd < h; hd++) {
                    byte[] old;
                    synchronized (s) {
                        old = s.tail[lay.stream(l0 + l, kind, hd)];
                    }
                    bufs[hd] = old == null ? new byte[config.pageSize()] : old.clone();
                }
                int rows = from % t;
                int page = firstPage;
                int done = 0;
                while (done < tokens) {
                    int c = Math.min(chunkTokens, tokens - done);
                    int want = (int) (c * tokenBytes);
                    int read = readFully(body, chunk, want);
                    got += read;
                    if (read < want) {
                        throw new IllegalArgumentException("body: expected " + expected + " bytes ([layers][K|V]["
                                + tokens + "][" + h + "][" + lay.headDim() + "] " + lay.format().wireName()
                                + "), got " + got);
                    }
                    for (int i = 0; i < c; i++) {
                        for (int hd = 0; hd < h; hd++) {
                            System.arraycopy(chunk, (int) (i * tokenBytes) + hd * rowBytes, bufs[hd], rows * rowBytes,
                                    rowBytes);
                        }
                        if (++rows == t) {
                            for (int hd = 0; hd < h; hd++) {
                                int stream = lay.stream(l0 + l, kind, hd);
                                int ch = (page + stream) % n;
                                int slot = files.allocate(ch, -1);
                                crc.reset();
                                crc.update(bufs[hd]);
                                files.write(ch, slot, ByteBuffer.wrap(bufs[hd]));
                                touched[ch] = true;
                                int local = (l * 2 + kind) * h + hd;
                                newSlots[local][page - firstPage] = slot;
                                newCrcs[local][page - firstPage] = (int) crc.getValue();
                                Arrays.fill(bufs[hd], (byte) 0);
                            }
                            pagesWritten.addAndGet(h);
                            rows = 0;
                            page++;
                        }
                    }
                    done += c;
                }
                for (int hd = 0; hd < h; hd++) {
                    newTail[(l * 2 + kind) * h + hd] = rows == 0 ? null : bufs[hd];
                }
            }
        }
        try {
            if (body.read() >= 0) {
                throw new IllegalArgumentException("body: longer than the expected " + expected + " bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one record makes the whole append atomic
        ByteBuffer rec = ByteBuffer.allocate(1 + 16 + 16 + streams * (8 * sealed + tailRows * rowBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
        rec.put(ManifestRecords.APPEND).putLong(s.id.getMostSignificantBits()).putLong(s.id.getLeastSignificantBits())
                .putInt(l0).putInt(lc).putInt(from).putInt(tokens);
        int tailOffset = (tailStart % t) * rowBytes;
        for (int i = 0; i < streams; i++) {
            for (int p = 0; p < sealed; p++) {
                rec.putInt(newSlots[i][p]).putInt(newCrcs[i][p]);
            }
            if (tailRows > 0) {
                rec.put(newTail[i], tailOffset, tailRows * rowBytes);
            }
        }
        return new PreparedAppend(rec.array(), touched, () -> {
            synchronized (s) {
            for (int l = 0; l < lc; l++) {
                for (int kind = 0; kind < 2; kind++) {
                    for (int hd = 0; hd < h; hd++) {
                        int stream = lay.stream(l0 + l, kind, hd);
                        int local = (l * 2 + kind) * h + hd;
                        for (int p = 0; p < sealed; p++) {
                            s.setPage(stream, firstPage + p, newSlots[local][p], newCrcs[local][p]);
                            files.markLive((firstPage + p + stream) % n, newSlots[local][p]);
                        }
                        s.tail[stream] = newTail[local];
                    }
                }
                s.layerLen[l0 + l] = from + tokens;
            }
            return layer < 0 ? s.length() : s.layerLen[layer];
            }
        });
    }

    private static int readFully(InputStream in, byte[] buf, int want) {
        int got = 0;
        try {
            while (got < want) {
                int r = in.read(buf, got, want - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return got;
    }

    // ---------------------------------------------------------------- truncate, delete, reclaim

    /** Cuts every layer longer than {@code length} back to {@code length} tokens (for preemption and re-prefill). */
    public SequenceInfo truncate(UUID id, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length: must be >= 0, was " + length);
        }
        rw.writeLock().lock();
        try {
            open();
            SequenceState s = get(id);
            KvLayout lay = s.layout;
            int t = lay.tokensPerPage(), h = lay.kvHeads(), rowBytes = lay.rowBytes();
            int rows = length % t;
            ByteBuffer rec = ByteBuffer.allocate(1 + 16 + 4 + lay.layers() * (1 + 2 * h * rows * rowBytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            rec.put(ManifestRecords.TRUNCATE).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt(length);
            for (int l = 0; l < lay.layers(); l++) {
                boolean relog = s.layerLen[l] > length && rows > 0 && s.layerLen[l] >= (length / t + 1) * t;
                rec.put((byte) (relog ? 1 : 0));
                if (relog) {
                    for (int kind = 0; kind < 2; kind++) {
                        for (int hd = 0; hd < h; hd++) {
                            int stream = lay.stream(l, kind, hd);
                            int p = length / t;
                            MemorySegment page = files.page((p + stream) % config.channels(), s.slots[stream][p]);
                            byte[] rowsData = new byte[rows * rowBytes];
                            MemorySegment.copy(page, ValueLayout.JAVA_BYTE, 0, rowsData, 0, rowsData.length);
                            rec.put(rowsData);
                        }
                    }
                }
            }
            byte[] payload = Arrays.copyOf(rec.array(), rec.position());
            log.append(List.of(payload));
            applyTruncate(s, ByteBuffer.wrap(payload, 21, payload.length - 21).order(ByteOrder.LITTLE_ENDIAN),
                    length);
            reclaimLocked();
            return info(s);
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Deletes a sequence, then erases blocks left without live pages and compacts mostly-dead ones. */
    public void delete(UUID id) {
        rw.writeLock().lock();
        try {
            open();
            SequenceState s = get(id);
            ByteBuffer rec = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN);
            rec.put(ManifestRecords.DELETE).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
            log.append(List.of(rec.array()));
            applyDelete(s);
            compactLocked();
            reclaimLocked();
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Erases every programmed block without live pages; returns the bytes reclaimed. */
    public long reclaim() {
        rw.writeLock().lock();
        try {
            open();
            return reclaimLocked();
        } finally {
            rw.writeLock().unlock();
        }
    }

    private long reclaimLocked() {
        List<int[]> dead = files.deadBlocks();
        if (dead.isEmpty()) {
            return 0;
        }
        ByteBuffer rec = ByteBuffer.allocate(1 + 4 + 8 * dead.size()).order(ByteOrder.LITTLE_ENDIAN);
        rec.put(ManifestRecords.ERASE).putInt(dead.size());
        for (int[] b : dead) {
            rec.putInt(b[0]).putInt(b[1]);
        }
        log.append(List.of(rec.array()));
        long bytes = 0;
        for (int[] b : dead) {
            bytes += files.erase(b[0], b[1]);
        }
        reclaimedBytes.addAndGet(bytes);
        return bytes;
    }

    /** Moves the live pages out of full blocks that are mostly dead, then erases them; returns pages moved. */
    public int compact() {
        rw.writeLock().lock();
        try {
            open();
            int moved = compactLocked();
            reclaimLocked();
            return moved;
        } finally {
            rw.writeLock().unlock();
        }
    }

    private int compactLocked() {
        int moved = Compaction.run(files, config, sequences.values(), log);
        pagesWritten.addAndGet(moved);
        pagesMoved.addAndGet(moved);
        return moved;
    }

    // ---------------------------------------------------------------- reads

    /**
     * Opens a consistent view of one layer's first {@code length} tokens ({@code -1}: all stored tokens). The view
     * holds the store's read lock until closed, so it must be closed by the thread that opened it.
     */
    public LayerView openLayer(UUID id, int layer, int length) {
        rw.readLock().lock();
        try {
            open();
            SequenceState s = get(id);
            KvLayout lay = s.layout;
            if (layer < 0 || layer >= lay.layers()) {
                throw new IllegalArgumentException("layer: must be in [0, " + (lay.layers() - 1) + "], was " + layer);
            }
            int t = lay.tokensPerPage(), h = lay.kvHeads();
            int len;
            int[][] slots = new int[2 * h][];
            byte[][] tails = new byte[2 * h][];
            synchronized (s) {
                int stored = s.layerLen[layer];
                if (length > stored) {
                    throw new IllegalArgumentException("length: layer " + layer + " holds " + stored
                            + " tokens, asked for " + length);
                }
                len = length < 0 ? stored : length;
                int sealed = s.layerLen[layer] / t;
                for (int kind = 0; kind < 2; kind++) {
                    for (int hd = 0; hd < h; hd++) {
                        int stream = lay.stream(layer, kind, hd);
                        slots[kind * h + hd] = Arrays.copyOf(s.slots[stream], sealed);
                        tails[kind * h + hd] = s.tail[stream] == null ? null : s.tail[stream].clone();
                    }
                }
            }
            return new LayerView(this, lay, layer, len, slots, tails);
        } catch (RuntimeException e) {
            rw.readLock().unlock();
            throw e;
        }
    }

    MemorySegment page(KvLayout lay, int layer, int kind, int head, int page, int slot) {
        return pageExtent(lay, layer, kind, head, page, slot).asSlice(pageOffset(slot), config.pageSize());
    }

    /** The mapping holding a sealed page (see {@link PageFiles#extentOf}); counts the page as read. */
    MemorySegment pageExtent(KvLayout lay, int layer, int kind, int head, int page, int slot) {
        int stream = lay.stream(layer, kind, head);
        pagesRead.increment();
        return files.extentOf((page + stream) % config.channels(), slot);
    }

    long pageOffset(int slot) {
        return files.offsetInExtent(slot);
    }

    void releaseView() {
        rw.readLock().unlock();
    }

    /** Attention calls report the K/V bytes they read here. */
    public void countScanned(long bytes) {
        bytesScanned.addAndGet(bytes);
    }

    /** Writes K {@code [len][kvHeads][headDim]} then V alike (the fetch path), streaming page by page. */
    public void readLayer(UUID id, int layer, OutputStream out) throws IOException {
        try (LayerView view = openLayer(id, layer, -1)) {
            view.writeTo(out);
        }
    }

    // ---------------------------------------------------------------- maintenance

    /** Counters and sizes. */
    public StoreStats stats() {
        rw.readLock().lock();
        try {
            if (closed) {
                return new StoreStats(0, 0, 0, 0, pagesWritten.get(), pagesRead.sum(), bytesScanned.get(),
                        reclaimedBytes.get(), pagesMoved.get());
            }
            appendLock.lock();
            try {
                return new StoreStats(sequences.size(), files.liveBytes(), files.programmedBytes(), log.size(),
                        pagesWritten.get(), pagesRead.sum(), bytesScanned.get(), reclaimedBytes.get(),
                        pagesMoved.get());
            } finally {
                appendLock.unlock();
            }
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Re-reads every live page and checks it against its recorded CRC-32C; returns the mismatches found. */
    public List<String> verify() {
        rw.writeLock().lock();
        try {
            open();
            List<String> bad = new ArrayList<>();
            CRC32C crc = new CRC32C();
            byte[] data = new byte[config.pageSize()];
            for (SequenceState s : sequences.values()) {
                for (int stream = 0; stream < s.layout.streams(); stream++) {
                    for (int p = 0; p < s.pages(stream); p++) {
                        MemorySegment.copy(files.page((p + stream) % config.channels(), s.slots[stream][p]),
                                ValueLayout.JAVA_BYTE, 0, data, 0, data.length);
                        crc.reset();
                        crc.update(data);
                        if ((int) crc.getValue() != s.crcs[stream][p]) {
                            bad.add(s.id + " stream " + stream + " page " + p);
                        }
                    }
                }
            }
            return bad;
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Rewrites the manifest as a snapshot of the live state (also done automatically past checkpointBytes). */
    public void checkpoint() {
        rw.writeLock().lock();
        try {
            open();
            List<byte[]> records = ManifestRecords.snapshot(config, files, sequences.values());
            log.rewrite(records);
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void maybeCheckpoint() {
        if (!closed && log.size() > config.checkpointBytes()) {
            checkpoint();
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    @Override
    public void close() throws IOException {
        rw.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                log.close();
                files.close();
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- records and replay

    private void replay(ByteBuffer r) {
        byte type = r.get();
        try {
            switch (type) {
                case ManifestRecords.HEADER -> {
                    int pageSize = r.getInt(), blockPages = r.getInt(), channels = r.getInt();
                    if (files == null) {
                        config = config.withGeometry(channels, pageSize, blockPages);
                        files = new PageFiles(config.dir(), channels, pageSize, blockPages);
                    }
                }
                case ManifestRecords.CREATE -> {
                    UUID id = new UUID(r.getLong(), r.getLong());
                    KvLayout lay = new KvLayout(r.getInt(), r.getInt(), r.getInt(), KvFormat.values()[r.get()],
                            config.pageSize());
                    sequences.put(id, new SequenceState(id, lay, Instant.ofEpochMilli(r.getLong())));
                }
                case ManifestRecords.APPEND -> replayAppend(r);
                case ManifestRecords.TRUNCATE -> {
                    SequenceState s = sequences.get(new UUID(r.getLong(), r.getLong()));
                    applyTruncate(s, r, r.getInt());
                }
                case ManifestRecords.DELETE -> applyDelete(sequences.get(new UUID(r.getLong(), r.getLong())));
                case ManifestRecords.MOVE -> {
                    SequenceState s = sequences.get(new UUID(r.getLong(), r.getLong()));
                    int count = r.getInt();
                    for (int i = 0; i < count; i++) {
                        applyMove(s, r.getInt(), r.getInt(), r.getInt(), r.getInt());
                    }
                }
                case ManifestRecords.ERASE -> {
                    int count = r.getInt();
                    for (int i = 0; i < count; i++) {
                        files.erase(r.getInt(), r.getInt());
                    }
                }
                case ManifestRecords.BLOCKS -> {
                    int c = r.getInt(), count = r.getInt();
                    for (int b = 0; b < count; b++) {
                        files.restorePointer(c, b, r.getInt());
                    }
                }
                default -> throw new IllegalStateException("manifest: unknown record type " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replayAppend(ByteBuffer r) {
        sequences.get(new UUID(r.getLong(), r.getLong())).replayAppend(r, files, config.channels(),
                config.pageSize());
    }

    /** Applies a truncate; {@code r} is positioned at the per-layer flags. */
    private void applyTruncate(SequenceState s, ByteBuffer r, int length) {
        s.truncate(r, length, files, config.channels(), config.pageSize());
    }

    private void applyDelete(SequenceState s) {
        synchronized (s) {
            s.killAll(files, config.channels());
            sequences.remove(s.id);
        }
    }

    private void applyMove(SequenceState s, int stream, int page, int slot, int crc) {
        s.move(stream, page, slot, crc, files, config.channels());
    }
}

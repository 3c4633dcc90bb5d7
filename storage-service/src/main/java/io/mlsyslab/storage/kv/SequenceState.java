package io.mlsyslab.storage.kv;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * In-memory state of one stored sequence: per stream (layer, K|V, kv-head) the slot and checksum of every sealed
 * page and the rows of the open tail page, per layer the length. The page-table operations that both a live call
 * and the manifest replay perform (append, truncate, move, delete) live here, so the two cannot drift apart; they
 * keep the channel files' live-page counts in step. Callers synchronise on the instance where readers may look.
 */
final class SequenceState {
    final UUID id;
    final KvLayout layout;
    final Instant created;
    final int[] layerLen;
    final int[][] slots;
    final int[][] crcs;
    final byte[][] tail;

    SequenceState(UUID id, KvLayout layout, Instant created) {
        this.id = id;
        this.layout = layout;
        this.created = created;
        this.layerLen = new int[layout.layers()];
        this.slots = new int[layout.streams()][];
        this.crcs = new int[layout.streams()][];
        this.tail = new byte[layout.streams()][];
        for (int s = 0; s < layout.streams(); s++) {
            slots[s] = new int[4];
            crcs[s] = new int[4];
        }
    }

    int layerOf(int stream) {
        return stream / (2 * layout.kvHeads());
    }

    /** Sealed pages of a stream. */
    int pages(int stream) {
        return layerLen[layerOf(stream)] / layout.tokensPerPage();
    }

    void setPage(int stream, int page, int slot, int crc) {
        if (page >= slots[stream].length) {
            int n = Math.max(page + 1, slots[stream].length * 2);
            slots[stream] = Arrays.copyOf(slots[stream], n);
            crcs[stream] = Arrays.copyOf(crcs[stream], n);
        }
        slots[stream][page] = slot;
        crcs[stream][page] = crc;
    }

    /** Tokens present in every layer. */
    int length() {
        int m = Integer.MAX_VALUE;
        for (int l : layerLen) {
            m = Math.min(m, l);
        }
        return m;
    }

    /**
     * Applies an append record's body ({@code r} positioned after the sequence id): the sealed pages' slots and
     * checksums, the tail rows and the new lengths.
     */
    void replayAppend(ByteBuffer r, PageFiles files, int channels, int pageSize) {
        int l0 = r.getInt(), lc = r.getInt(), from = r.getInt(), tokens = r.getInt();
        KvLayout lay = layout;
        int t = lay.tokensPerPage(), h = lay.kvHeads(), rowBytes = lay.rowBytes(), n = channels;
        int firstPage = from / t;
        int sealed = (from + tokens) / t - firstPage;
        int tailStart = Math.max(from, ((from + tokens) / t) * t);
        int tailRows = from + tokens - tailStart;
        for (int l = l0; l < l0 + lc; l++) {
            if (layerLen[l] != from) {
                throw new IllegalStateException("manifest: append at " + from + " to layer " + l + " of length "
                        + layerLen[l]);
            }
            for (int kind = 0; kind < 2; kind++) {
                for (int hd = 0; hd < h; hd++) {
                    int stream = lay.stream(l, kind, hd);
                    for (int p = 0; p < sealed; p++) {
                        int slot = r.getInt(), crc = r.getInt();
                        setPage(stream, firstPage + p, slot, crc);
                        files.markLive((firstPage + p + stream) % n, slot);
                    }
                    if (sealed > 0) {
                        tail[stream] = null;
                    }
                    if (tailRows > 0) {
                        if (tail[stream] == null) {
                            tail[stream] = new byte[pageSize];
                        }
                        r.get(tail[stream], (tailStart % t) * rowBytes, tailRows * rowBytes);
                    }
                }
            }
            layerLen[l] = from + tokens;
        }
    }

    /** Applies a truncate to {@code length} tokens; {@code r} is positioned at the per-layer flags. */
    void truncate(ByteBuffer r, int length, PageFiles files, int channels, int pageSize) {
        KvLayout lay = layout;
        int t = lay.tokensPerPage(), h = lay.kvHeads(), rowBytes = lay.rowBytes(), n = channels;
        int rows = length % t;
        synchronized (this) {
            for (int l = 0; l < lay.layers(); l++) {
                boolean relog = r.get() == 1;
                int old = layerLen[l];
                if (old <= length) {
                    continue;
                }
                for (int kind = 0; kind < 2; kind++) {
                    for (int hd = 0; hd < h; hd++) {
                        int stream = lay.stream(l, kind, hd);
                        for (int p = length / t; p < old / t; p++) {
                            files.kill((p + stream) % n, slots[stream][p]);
                        }
                        if (relog) {
                            byte[] rowsData = new byte[pageSize];
                            r.get(rowsData, 0, rows * rowBytes);
                            tail[stream] = rowsData;
                        } else if (rows == 0) {
                            tail[stream] = null;
                        } else {
                            Arrays.fill(tail[stream], rows * rowBytes, tail[stream].length, (byte) 0);
                        }
                    }
                }
                layerLen[l] = length;
            }
        }
    }

    /** Kills every sealed page (the sequence is being deleted). */
    void killAll(PageFiles files, int channels) {
        for (int stream = 0; stream < layout.streams(); stream++) {
            for (int p = 0; p < pages(stream); p++) {
                files.kill((p + stream) % channels, slots[stream][p]);
            }
        }
    }

    /** Points a page at its new slot (compaction moved it within its channel). */
    void move(int stream, int page, int slot, int crc, PageFiles files, int channels) {
        int ch = (page + stream) % channels;
        synchronized (this) {
            files.kill(ch, slots[stream][page]);
            setPage(stream, page, slot, crc);
            files.markLive(ch, slot);
        }
    }
}

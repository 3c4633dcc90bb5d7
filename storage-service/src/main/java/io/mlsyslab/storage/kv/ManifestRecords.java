package io.mlsyslab.storage.kv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The record types of the store's manifest log and the records that describe state as a whole: the geometry
 * header, a sequence's creation, and the snapshot a checkpoint rewrites the log to (header, every channel's block
 * write pointers, then per sequence its creation and one append record per non-empty layer carrying the page slots,
 * checksums and tail rows). All little-endian; the replay in {@link KvStore} reads them back.
 */
final class ManifestRecords {
    static final byte HEADER = 1, CREATE = 2, APPEND = 3, TRUNCATE = 4, DELETE = 5, MOVE = 6, ERASE = 7, BLOCKS = 8;

    private ManifestRecords() {
    }

    /** Page size, erase-block pages and channel count: fixed when the store is created. */
    static byte[] header(StoreConfig config) {
        ByteBuffer rec = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
        rec.put(HEADER).putInt(config.pageSize()).putInt(config.blockPages()).putInt(config.channels());
        return rec.array();
    }

    /** A sequence's id, shape, format and creation time. */
    static byte[] create(SequenceState s) {
        ByteBuffer rec = ByteBuffer.allocate(1 + 16 + 12 + 1 + 8).order(ByteOrder.LITTLE_ENDIAN);
        rec.put(CREATE).putLong(s.id.getMostSignificantBits()).putLong(s.id.getLeastSignificantBits())
                .putInt(s.layout.layers()).putInt(s.layout.kvHeads()).putInt(s.layout.headDim())
                .put((byte) s.layout.format().ordinal()).putLong(s.created.toEpochMilli());
        return rec.array();
    }

    /** The whole live state as records (what a checkpoint writes). */
    static List<byte[]> snapshot(StoreConfig config, PageFiles files, Collection<SequenceState> sequences) {
        List<byte[]> records = new ArrayList<>();
        records.add(header(config));
        for (int c = 0; c < config.channels(); c++) {
            int[] ptr = files.pointers(c);
            ByteBuffer rec = ByteBuffer.allocate(1 + 8 + 4 * ptr.length).order(ByteOrder.LITTLE_ENDIAN);
            rec.put(BLOCKS).putInt(c).putInt(ptr.length);
            for (int p : ptr) {
                rec.putInt(p);
            }
            records.add(rec.array());
        }
        for (SequenceState s : sequences) {
            records.add(create(s));
            KvLayout lay = s.layout;
            int t = lay.tokensPerPage(), h = lay.kvHeads(), rowBytes = lay.rowBytes();
            for (int l = 0; l < lay.layers(); l++) {
                int len = s.layerLen[l];
                if (len == 0) {
                    continue;
                }
                int sealed = len / t, rows = len % t;
                ByteBuffer rec = ByteBuffer.allocate(1 + 32 + 2 * h * (8 * sealed + rows * rowBytes))
                        .order(ByteOrder.LITTLE_ENDIAN);
                rec.put(APPEND).putLong(s.id.getMostSignificantBits()).putLong(s.id.getLeastSignificantBits())
                        .putInt(l).putInt(1).putInt(0).putInt(len);
                for (int kind = 0; kind < 2; kind++) {
                    for (int hd = 0; hd < h; hd++) {
                        int stream = lay.stream(l, kind, hd);
                        for (int p = 0; p < sealed; p++) {
                            rec.putInt(s.slots[stream][p]).putInt(s.crcs[stream][p]);
                        }
                        if (rows > 0) {
                            rec.put(s.tail[stream], 0, rows * rowBytes);
                        }
                    }
                }
                records.add(rec.array());
            }
        }
        return records;
    }
}

package io.mlsyslab.storage.kv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compaction of the emulated flash: the live pages of full erase blocks that are at most
 * {@link StoreConfig#compactLiveFraction()} live are copied to fresh slots of the same channel, the copies are
 * forced, one {@code MOVE} record per sequence is logged, and only then are the page tables pointed at the copies
 * (so a crash before the record leaves the old pages authoritative). The emptied blocks are erased afterwards by the
 * store's reclaim. Runs under the store's exclusive lock.
 */
final class Compaction {
    private Compaction() {
    }

    /** Moves the live pages out of mostly-dead blocks; returns the pages moved. */
    static int run(PageFiles files, StoreConfig config, Collection<SequenceState> sequences, ManifestLog log) {
        List<int[]> sparse = files.sparseBlocks(config.compactLiveFraction());
        if (sparse.isEmpty()) {
            return 0;
        }
        Set<Long> victims = new HashSet<>();
        for (int[] b : sparse) {
            victims.add(((long) b[0] << 32) | b[1]);
        }
        int n = config.channels(), bp = files.blockPages();
        int moved = 0;
        boolean[] touched = new boolean[n];
        List<byte[]> records = new ArrayList<>();
        Map<SequenceState, List<int[]>> moves = new LinkedHashMap<>();
        for (SequenceState s : sequences) {
            List<int[]> list = new ArrayList<>();
            for (int stream = 0; stream < s.layout.streams(); stream++) {
                for (int p = 0; p < s.pages(stream); p++) {
                    int ch = (p + stream) % n;
                    int slot = s.slots[stream][p];
                    if (victims.contains(((long) ch << 32) | (slot / bp))) {
                        int target = files.allocate(ch, slot / bp);
                        while (victims.contains(((long) ch << 32) | (target / bp))) {
                            target = files.allocate(ch, target / bp);
                        }
                        byte[] data = new byte[config.pageSize()];
                        MemorySegment.copy(files.page(ch, slot), ValueLayout.JAVA_BYTE, 0, data, 0, data.length);
                        files.write(ch, target, ByteBuffer.wrap(data));
                        touched[ch] = true;
                        list.add(new int[]{stream, p, target, s.crcs[stream][p]});
                    }
                }
            }
            if (!list.isEmpty()) {
                moves.put(s, list);
            }
        }
        for (int c = 0; c < n; c++) {
            if (touched[c]) {
                files.force(c);
            }
        }
        for (Map.Entry<SequenceState, List<int[]>> e : moves.entrySet()) {
            ByteBuffer rec = ByteBuffer.allocate(1 + 16 + 4 + 16 * e.getValue().size()).order(ByteOrder.LITTLE_ENDIAN);
            rec.put(ManifestRecords.MOVE).putLong(e.getKey().id.getMostSignificantBits())
                    .putLong(e.getKey().id.getLeastSignificantBits()).putInt(e.getValue().size());
            for (int[] m : e.getValue()) {
                rec.putInt(m[0]).putInt(m[1]).putInt(m[2]).putInt(m[3]);
            }
            records.add(rec.array());
        }
        if (!records.isEmpty()) {
            log.append(records);
        }
        for (Map.Entry<SequenceState, List<int[]>> e : moves.entrySet()) {
            for (int[] m : e.getValue()) {
                e.getKey().move(m[0], m[1], m[2], m[3], files, n);
                moved++;
            }
        }
        return moved;
    }
}

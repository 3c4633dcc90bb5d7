package io.mlsyslab.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.nn.kernel.KvFormat;
import io.mlsyslab.nn.kernel.SegmentVectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvStoreTest {
    @TempDir
    Path dir;
    private final SplittableRandom random = new SplittableRandom(11);

    /** Small pages (512 B) and blocks (8 pages) over 3 channels so that boundaries are hit often. */
    private StoreConfig config() {
        return new StoreConfig(dir, 3, 512, 8, 0.5, 1 << 20);
    }

    /** What each layer of a sequence should hold: K and V rows ([pos][H][D]) rounded to the format. */
    private static final class Model {
        final KvLayout layout;
        final List<List<float[]>> k = new ArrayList<>();
        final List<List<float[]>> v = new ArrayList<>();

        Model(KvLayout layout) {
            this.layout = layout;
            for (int l = 0; l < layout.layers(); l++) {
                k.add(new ArrayList<>());
                v.add(new ArrayList<>());
            }
        }
    }

    private float[] rand(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 2);
        }
        return a;
    }

    private void append(KvStore store, UUID id, Model m, int layer, int tokens) {
        int row = m.layout.kvHeads() * m.layout.headDim();
        int lc = layer < 0 ? m.layout.layers() : 1;
        float[] k = rand(lc * tokens * row), v = rand(lc * tokens * row);
        int pos = m.k.get(layer < 0 ? 0 : layer).size();
        int len = store.append(id, layer, pos, tokens, k, v);
        for (int l = 0; l < lc; l++) {
            for (int t = 0; t < tokens; t++) {
                float[] kr = new float[row], vr = new float[row];
                for (int i = 0; i < row; i++) {
                    kr[i] = RowCodec.round(k[(l * tokens + t) * row + i], m.layout.format());
                    vr[i] = RowCodec.round(v[(l * tokens + t) * row + i], m.layout.format());
                }
                m.k.get((layer < 0 ? 0 : layer) + l).add(kr);
                m.v.get((layer < 0 ? 0 : layer) + l).add(vr);
            }
        }
        assertThat(len).isEqualTo(pos + tokens);
    }

    private static void assertHolds(KvStore store, UUID id, Model m) throws IOException {
        KvLayout lay = m.layout;
        int row = lay.kvHeads() * lay.headDim();
        for (int l = 0; l < lay.layers(); l++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.readLayer(id, l, out);
            int len = m.k.get(l).size();
            assertThat(out.size()).as("layer %d bytes", l).isEqualTo(2 * len * row * lay.format().bytes());
            MemorySegment seg = MemorySegment.ofArray(out.toByteArray());
            float[] got = new float[2 * len * row];
            SegmentVectors.widen(seg, 0, lay.format(), ByteOrder.LITTLE_ENDIAN, got, 0, got.length);
            for (int t = 0; t < len; t++) {
                for (int i = 0; i < row; i++) {
                    assertThat(got[t * row + i]).as("layer %d K pos %d el %d", l, t, i).isEqualTo(m.k.get(l).get(t)[i]);
                    assertThat(got[(len + t) * row + i]).as("layer %d V pos %d", l, t)
                            .isEqualTo(m.v.get(l).get(t)[i]);
                }
            }
            assertThat(store.info(id).layerLengths()[l]).isEqualTo(len);
        }
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void manyAppendsAcrossPageBoundariesRoundTripInEveryFormat() throws IOException {
        try (KvStore store = KvStore.open(config())) {
            for (KvFormat f : KvFormat.values()) {
                SequenceInfo info = store.create(null, 2, 3, 8, f);
                assertThat(info.length()).isZero();
                Model m = new Model(info.layout());
                int t = info.layout().tokensPerPage();
                for (int n : new int[]{1, t - 1, t, t + 1, 3, 2 * t + 5, 1, 1}) {
                    append(store, info.id(), m, -1, n);
                }
                // decode style: layer by layer, one token each
                for (int step = 0; step < t + 2; step++) {
                    for (int l = 0; l < 2; l++) {
                        append(store, info.id(), m, l, 1);
                    }
                }
                assertHolds(store, info.id(), m);
                assertThat(store.info(info.id()).bytes())
                        .isEqualTo(2L * 2 * m.k.get(0).size() * 3 * 8 * f.bytes());
            }
            assertThat(store.stats().pagesWritten()).isPositive();
        }
    }

    @Test
    void positionsAndShapesAreChecked() {
        try (KvStore store = KvStore.open(config())) {
            SequenceInfo info = store.create(null, 2, 2, 4, KvFormat.F32);
            UUID id = info.id();
            Model m = new Model(info.layout());
            append(store, id, m, 0, 3);
            assertThatThrownBy(() -> store.append(id, -1, -1, 1, new float[16], new float[16]))
                    .isInstanceOf(KvConflictException.class).hasMessageStartingWith("layer:");
            assertThatThrownBy(() -> store.append(id, 0, 2, 1, new float[8], new float[8]))
                    .isInstanceOf(KvConflictException.class).hasMessageStartingWith("pos:");
            assertThatThrownBy(() -> store.append(id, 2, -1, 1, new float[8], new float[8]))
                    .hasMessageStartingWith("layer:");
            assertThatThrownBy(() -> store.append(id, 0, -1, 2, new java.io.ByteArrayInputStream(new byte[10])))
                    .hasMessageStartingWith("body:");
            assertThatThrownBy(() -> store.append(id, 0, -1, 1, new java.io.ByteArrayInputStream(new byte[65])))
                    .hasMessageStartingWith("body:");
            assertThatThrownBy(() -> store.info(UUID.randomUUID())).isInstanceOf(UnknownSequenceException.class);
            assertThatThrownBy(() -> store.create(null, 1, 1, 200, KvFormat.F32)).hasMessageStartingWith("headDim:");
            assertThatThrownBy(() -> store.create(id, 1, 1, 4, KvFormat.F32)).isInstanceOf(KvConflictException.class);
            assertThatThrownBy(() -> store.openLayer(id, 1, 5)).hasMessageStartingWith("length:");
            // failed appends changed nothing
            assertThat(store.info(id).layerLengths()).containsExactly(3, 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void acknowledgedAppendsSurviveAnAbandonedStoreAndATornTailIsDiscarded() throws IOException {
        KvStore first = KvStore.open(config());
        SequenceInfo info = first.create(null, 2, 2, 8, KvFormat.F16);
        UUID id = info.id();
        Model m = new Model(info.layout());
        for (int n : new int[]{5, 40, 1, 33}) {
            append(first, id, m, -1, n);
        }
        append(first, id, m, 0, 2);
        // kill -9: no close(), no flush beyond what append acknowledged
        try (KvStore second = KvStore.open(config())) {
            assertThat(second.recovery().discardedBytes()).isZero();
            assertHolds(second, id, m);
            // keep writing after recovery: new pages go to fresh blocks
            append(second, id, m, 1, 2);
            append(second, id, m, -1, 20);
            assertHolds(second, id, m);
        }
        // a torn last record: cut a few bytes off the manifest
        Path manifest = dir.resolve("manifest.log");
        long before;
        try (KvStore third = KvStore.open(config())) {
            assertHolds(third, id, m);
            before = third.stats().manifestBytes();
            third.append(id, -1, -1, 3, rand(2 * 3 * 16), rand(2 * 3 * 16)); // never acknowledged below
        }
        try (FileChannel ch = FileChannel.open(manifest, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 7);
        }
        try (KvStore fourth = KvStore.open(config())) {
            assertThat(fourth.recovery().discardedBytes()).isPositive();
            assertThat(fourth.stats().manifestBytes()).isLessThanOrEqualTo(before + 64);
            assertHolds(fourth, id, m);
        }
        // garbage after the last record (a torn header) and a flipped byte inside a record are both cut
        try (FileChannel ch = FileChannel.open(manifest, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[]{9, 0, 0, 0, 1, 2, 3}), ch.size());
        }
        try (KvStore fifth = KvStore.open(config())) {
            assertThat(fifth.recovery().discardedBytes()).isEqualTo(7);
            assertHolds(fifth, id, m);
            append(fifth, id, m, -1, 1);
        }
        long size;
        try (FileChannel ch = FileChannel.open(manifest, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = ch.size();
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, size - 3);
            b.put(0, (byte) (b.get(0) ^ 0x55));
            ch.write(b.rewind(), size - 3);
        }
        // the last append's record is now corrupt: it is discarded, everything before stays
        for (int l = 0; l < 2; l++) {
            m.k.get(l).removeLast();
            m.v.get(l).removeLast();
        }
        try (KvStore sixth = KvStore.open(config())) {
            assertThat(sixth.recovery().discardedBytes()).isPositive();
            assertHolds(sixth, id, m);
        }
    }

    @Test
    void aCorruptPageIsReportedByVerify() throws IOException {
        UUID id;
        try (KvStore store = KvStore.open(config())) {
            id = store.create(null, 1, 1, 8, KvFormat.F32).id();
            store.append(id, -1, -1, 16, rand(128), rand(128));
            assertThat(store.verify()).isEmpty();
        }
        for (int c = 0; c < 3; c++) {
            try (FileChannel ch = FileChannel.open(dir.resolve("channel-" + c + ".dat"), StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[]{1, 2, 3, 4}), 100);
            }
        }
        try (KvStore store = KvStore.open(config())) {
            assertThat(store.verify()).hasSize(2);
        }
    }

    @Test
    void truncateThenAppendAgainKeepsThePrefix() throws IOException {
        Model m;
        UUID id;
        try (KvStore store = KvStore.open(config())) {
            SequenceInfo info = store.create(null, 2, 2, 8, KvFormat.BF16);
            id = info.id();
            m = new Model(info.layout());
            int t = info.layout().tokensPerPage();
            append(store, id, m, -1, 3 * t + 5);
            append(store, id, m, 0, 4);
            for (int cut : new int[]{3 * t + 7, 2 * t + 3, 2 * t, t - 1}) {
                store.truncate(id, cut);
                for (int l = 0; l < 2; l++) {
                    while (m.k.get(l).size() > cut) {
                        m.k.get(l).removeLast();
                        m.v.get(l).removeLast();
                    }
                }
                assertHolds(store, id, m);
            }
            append(store, id, m, -1, 2 * t + 1);
            assertHolds(store, id, m);
        }
        try (KvStore store = KvStore.open(config())) {
            assertHolds(store, id, m);
        }
    }

    @Test
    void deletingAndCompactingReclaimsSpaceAndKeepsLiveDataIntact() throws IOException {
        Map<UUID, Model> live = new HashMap<>();
        try (KvStore store = KvStore.open(config())) {
            List<UUID> all = new ArrayList<>();
            // interleave appends of 6 sequences so their pages share blocks
            for (int i = 0; i < 6; i++) {
                SequenceInfo info = store.create(null, 1, 2, 8, KvFormat.F32);
                all.add(info.id());
                live.put(info.id(), new Model(info.layout()));
            }
            for (int round = 0; round < 6; round++) {
                for (UUID id : all) {
                    append(store, id, live.get(id), -1, 16 + round);
                }
            }
            long programmed = store.stats().programmedBytes();
            for (int i = 0; i < 5; i++) {
                store.delete(all.get(i));
                live.remove(all.get(i));
            }
            StoreStats stats = store.stats();
            assertThat(stats.reclaimedBytes()).isPositive();
            assertThat(stats.pagesMoved()).isPositive();
            assertThat(stats.programmedBytes()).isLessThan(programmed);
            assertThat(stats.programmedBytes()).isLessThanOrEqualTo(stats.liveBytes() * 2 + 3L * 8 * 512);
            for (Map.Entry<UUID, Model> e : live.entrySet()) {
                assertHolds(store, e.getKey(), e.getValue());
                append(store, e.getKey(), e.getValue(), -1, 40);
            }
            assertThatThrownBy(() -> store.info(all.get(0))).isInstanceOf(UnknownSequenceException.class);
        }
        try (KvStore store = KvStore.open(config())) {
            assertThat(store.list()).hasSize(1);
            for (Map.Entry<UUID, Model> e : live.entrySet()) {
                assertHolds(store, e.getKey(), e.getValue());
            }
            store.checkpoint();
        }
        try (KvStore store = KvStore.open(config())) {
            for (Map.Entry<UUID, Model> e : live.entrySet()) {
                assertHolds(store, e.getKey(), e.getValue());
                append(store, e.getKey(), e.getValue(), -1, 9);
                assertHolds(store, e.getKey(), e.getValue());
            }
        }
    }

    @Test
    void aBatchedLayerAppendIsAllOrNothingAndDurable() throws IOException {
        KvStore store = KvStore.open(config());
        List<UUID> ids = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        for (KvFormat f : KvFormat.values()) {
            SequenceInfo info = store.create(null, 2, 2, 8, f);
            ids.add(info.id());
            models.add(new Model(info.layout()));
        }
        for (int step = 0; step < 20; step++) {
            for (int l = 0; l < 2; l++) {
                int layer = l;
                int tokens = step == 0 ? 17 : 1;
                java.io.ByteArrayOutputStream rows = new java.io.ByteArrayOutputStream();
                List<KvStore.AppendHeader> headers = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    Model m = models.get(i);
                    float[] k = rand(tokens * 16), v = rand(tokens * 16);
                    ByteBuffer b = ByteBuffer.allocate(2 * tokens * 16 * m.layout.format().bytes())
                            .order(ByteOrder.LITTLE_ENDIAN);
                    RowCodec.encode(k, 0, k.length, m.layout.format(), b);
                    RowCodec.encode(v, 0, v.length, m.layout.format(), b);
                    rows.writeBytes(b.array());
                    headers.add(new KvStore.AppendHeader(ids.get(i), m.k.get(layer).size(), tokens));
                    for (int t = 0; t < tokens; t++) {
                        float[] kr = new float[16], vr = new float[16];
                        for (int j = 0; j < 16; j++) {
                            kr[j] = RowCodec.round(k[t * 16 + j], m.layout.format());
                            vr[j] = RowCodec.round(v[t * 16 + j], m.layout.format());
                        }
                        m.k.get(layer).add(kr);
                        m.v.get(layer).add(vr);
                    }
                }
                java.util.Iterator<KvStore.AppendHeader> it = headers.iterator();
                int[] lengths = store.appendBatch(layer, () -> it.hasNext() ? it.next() : null,
                        new java.io.ByteArrayInputStream(rows.toByteArray()));
                assertThat(lengths).containsOnly(models.getFirst().k.get(layer).size());
            }
        }
        // a batch with a stale position fails whole: the valid first item is not applied either
        List<KvStore.AppendHeader> bad = List.of(new KvStore.AppendHeader(ids.get(0), 36, 1),
                new KvStore.AppendHeader(ids.get(1), 3, 1));
        java.util.Iterator<KvStore.AppendHeader> it = bad.iterator();
        assertThatThrownBy(() -> store.appendBatch(0, () -> it.hasNext() ? it.next() : null,
                new java.io.ByteArrayInputStream(new byte[128 + 64]))).isInstanceOf(KvConflictException.class);
        java.util.Iterator<KvStore.AppendHeader> twice = List.of(new KvStore.AppendHeader(ids.get(0), -1, 1),
                new KvStore.AppendHeader(ids.get(0), -1, 1)).iterator();
        assertThatThrownBy(() -> store.appendBatch(0, () -> twice.hasNext() ? twice.next() : null,
                new java.io.ByteArrayInputStream(new byte[128]))).hasMessageStartingWith("items[1].id:");
        for (int i = 0; i < ids.size(); i++) {
            assertHolds(store, ids.get(i), models.get(i));
        }
        // abandoned without close: everything acknowledged is there after reopening
        try (KvStore reopened = KvStore.open(config())) {
            for (int i = 0; i < ids.size(); i++) {
                assertHolds(reopened, ids.get(i), models.get(i));
            }
        }
    }

    @Test
    void aReopenedStoreKeepsItsOwnGeometry() throws IOException {
        try (KvStore store = KvStore.open(config())) {
            store.create(null, 1, 1, 8, KvFormat.F32);
        }
        try (KvStore store = KvStore.open(StoreConfig.defaults(dir))) {
            assertThat(store.config().pageSize()).isEqualTo(512);
            assertThat(store.config().channels()).isEqualTo(3);
            assertThat(store.list().getFirst().layout().tokensPerPage()).isEqualTo(16);
        }
    }
}

package io.mlsyslab.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.nn.kernel.HalfFloats;
import io.mlsyslab.nn.kernel.KvFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KvFramingTest {
    @Test
    void batchRequestAndResponseRoundTrip() throws IOException {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        List<KvFraming.BatchItem> items = List.of(new KvFraming.BatchItem(a, -1, new float[]{1, 2, 3, 4}),
                new KvFraming.BatchItem(b, 7, new float[]{-0.5f, 0.25f}));
        byte[] wire = KvFraming.batchRequest(items);
        assertThat(wire).hasSize(8 + 2 * 24 + 6 * 4);
        assertThat(ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(0x3142564B);
        List<KvFraming.BatchItem> back = KvFraming.readBatchRequest(new ByteArrayInputStream(wire));
        assertThat(back).hasSize(2);
        assertThat(back.get(1).sequence()).isEqualTo(b);
        assertThat(back.get(1).length()).isEqualTo(7);
        assertThat(back.get(0).q()).containsExactly(1, 2, 3, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KvFraming.writeBatchResponse(List.of(new KvFraming.BatchResult(3, new float[]{9, 8})), out);
        List<KvFraming.BatchResult> res = KvFraming.readBatchResponse(new ByteArrayInputStream(out.toByteArray()));
        assertThat(res.getFirst().length()).isEqualTo(3);
        assertThat(res.getFirst().out()).containsExactly(9, 8);
    }

    @Test
    void malformedBatchesNameTheirPart() {
        byte[] wire = KvFraming.batchRequest(List.of(new KvFraming.BatchItem(UUID.randomUUID(), -1, new float[4])));
        assertThatThrownBy(() -> KvFraming.readBatchRequest(new ByteArrayInputStream(Arrays.copyOf(wire, 20))))
                .hasMessageStartingWith("items[0]:");
        assertThatThrownBy(() -> KvFraming.readBatchRequest(new ByteArrayInputStream(Arrays.copyOf(wire, 40))))
                .hasMessageStartingWith("items[0].q:");
        byte[] extra = Arrays.copyOf(wire, wire.length + 1);
        assertThatThrownBy(() -> KvFraming.readBatchRequest(new ByteArrayInputStream(extra)))
                .hasMessageStartingWith("body:");
        byte[] bad = wire.clone();
        bad[0] = 0;
        assertThatThrownBy(() -> KvFraming.readBatchRequest(new ByteArrayInputStream(bad)))
                .hasMessageStartingWith("body:");
        byte[] zero = wire.clone();
        zero[4] = 0;
        assertThatThrownBy(() -> KvFraming.readBatchRequest(new ByteArrayInputStream(zero)))
                .hasMessageStartingWith("count:");
    }

    @Test
    void rowsRoundTripInEveryDtype() {
        float[] x = {0f, 1f, -2.5f, 3.1415927f, 65504f, 1e-3f};
        for (KvFormat f : KvFormat.values()) {
            ByteBuffer b = ByteBuffer.allocate(x.length * f.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            KvFraming.encodeRows(x, 0, x.length, f, b);
            float[] y = new float[x.length];
            KvFraming.decodeRows(b.flip(), f, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                float expected = switch (f) {
                    case F32 -> x[i];
                    case F16 -> HalfFloats.fromFp16(HalfFloats.toFp16(x[i]));
                    case BF16 -> HalfFloats.fromBf16(HalfFloats.toBf16(x[i]));
                };
                assertThat(y[i]).isEqualTo(expected);
            }
        }
        assertThat(KvFraming.bytesToFloats(KvFraming.floatsToBytes(x, 1, 3))).containsExactly(1f, -2.5f, 3.1415927f);
    }
}

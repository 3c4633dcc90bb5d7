package io.mlsyslab.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlsyslab.nn.model.ParameterLayout;
import io.mlsyslab.training.quant.Codec;
import io.mlsyslab.training.transport.Collectives;
import io.mlsyslab.training.transport.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes counted at the transport equal the analytic sizes of the messages the collectives send. */
class ByteAccountingTest {

    private static int paramCount(TrainerConfig c) {
        return ParameterLayout.gpt2(WorkerLoop.modelConfig(c, 16)).size();
    }

    @Test
    void dataParallelRingAllReduce() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.DATA_PARALLEL, 5, 1, 0, Codec.NONE, 10, 3);
        TrainingOutcome o = InProcessTrainer.train(c, TrainingListener.NONE);
        int n = paramCount(c), m = 3;
        for (int r = 0; r < m; r++) {
            long perStep = 0;
            for (int s = 0; s < m - 1; s++) {
                perStep += Messages.HEADER_BYTES + 4L * Collectives.chunkLength(Math.floorMod(r - s, m), n, m);
                perStep += Messages.HEADER_BYTES + 4L * Collectives.chunkLength(Math.floorMod(r + 1 - s, m), n, m);
            }
            assertEquals(10 * perStep, o.bytesSent()[r], "worker " + r);
            assertEquals(o.bytesSent()[r], o.bytesReceived()[(r + 1) % m], "ring: what r sends, r+1 receives");
        }
        assertEquals(10L * 2 * (m - 1) * (m * Messages.HEADER_BYTES + 4L * n), o.totalBytes());
        assertEquals(10, o.syncs().size());
        assertEquals(4L * n, o.syncs().getFirst().bufferBytes());
    }

    @Test
    void outerGradientsPerCodec() {
        int m = 3;
        for (Codec q : Codec.values()) {
            TrainerConfig c = TinyConfigs.tiny(Algorithm.DILOCO, 5, 1, 0, q, 10, m);
            TrainingOutcome o = InProcessTrainer.train(c, TrainingListener.NONE);
            long message = Messages.messageBytes(q, paramCount(c));
            for (int r = 0; r < m; r++) {
                assertEquals(2 * (m - 1) * message, o.bytesSent()[r], q + " worker " + r);
                assertEquals(2 * (m - 1) * message, o.bytesReceived()[r]);
            }
            assertEquals((m - 1) * message, o.peakSyncBytes());
            assertEquals(q.encodedBytes(paramCount(c)), o.syncs().getFirst().bufferBytes());
        }
    }

    @Test
    void streamingFragmentsOnTheirOffsets() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.STREAMING_DILOCO, 10, 2, 1, Codec.FP4_E3M0, 30);
        TrainingOutcome o = InProcessTrainer.train(c, TrainingListener.NONE);
        List<Fragments.Fragment> f = Fragments.plan(ParameterLayout.gpt2(WorkerLoop.modelConfig(c, 16)), 2, 2, false);
        // fragment 0 at 10, 20, 30; fragment 1 at 15, 25, then once more at the end (30)
        List<String> got = o.syncs().stream().map(s -> s.step() + ":" + s.fragment()).toList();
        assertEquals(List.of("10:0", "15:1", "20:0", "25:1", "30:0", "30:1"), got);
        long m0 = Messages.messageBytes(Codec.FP4_E3M0, f.get(0).size());
        long m1 = Messages.messageBytes(Codec.FP4_E3M0, f.get(1).size());
        assertEquals(3 * m0 + 3 * m1, o.bytesSent()[0]);
        assertEquals(Math.max(m0, m1), o.peakSyncBytes());
    }
}

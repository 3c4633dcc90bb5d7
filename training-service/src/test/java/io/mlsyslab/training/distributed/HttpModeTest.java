package io.mlsyslab.training.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.training.quant.Codec;
import io.mlsyslab.training.trainer.Algorithm;
import io.mlsyslab.training.trainer.InProcessTrainer;
import io.mlsyslab.training.trainer.TinyConfigs;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingListener;
import io.mlsyslab.training.trainer.TrainingOutcome;
import io.mlsyslab.training.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The distributed mode with real worker processes: each worker is a separate JVM started from this module's class
 * path ({@code TrainingApplication --worker --coordinator=...}), talking HTTP to a coordinator on loopback.
 */
class HttpModeTest {

    @Test
    void workerProcessesComputeTheSameRunAsThreads() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.STREAMING_DILOCO, 10, 2, 1, Codec.FP4_E3M0, 20);
        TrainingOutcome local = InProcessTrainer.train(c, TrainingListener.NONE);
        TrainingOutcome remote = DistributedTrainer.train(c, TrainingListener.NONE, WorkerSpawner.LOCAL,
                Duration.ofSeconds(30));
        assertEquals(local.trainLoss(), remote.trainLoss());
        for (int i = 0; i < local.trainLoss().size(); i++) {
            assertEquals(Double.doubleToLongBits(local.trainLoss().get(i)),
                    Double.doubleToLongBits(remote.trainLoss().get(i)));
        }
        assertEquals(local.evals(), remote.evals());
        assertArrayEquals(local.finalParams(), remote.finalParams());
        assertArrayEquals(local.bytesSent(), remote.bytesSent());
        assertArrayEquals(local.bytesReceived(), remote.bytesReceived());
        assertEquals(local.syncs().stream().map(s -> s.step() + ":" + s.fragment() + ":" + s.bytesSent()).toList(),
                remote.syncs().stream().map(s -> s.step() + ":" + s.fragment() + ":" + s.bytesSent()).toList());
    }

    @Test
    void aKilledWorkerFailsTheRunClearly() {
        TrainerConfig c = TinyConfigs.tiny(Algorithm.DATA_PARALLEL, 10, 1, 0, Codec.NONE, 2000);
        List<Process> started = new CopyOnWriteArrayList<>();
        WorkerSpawner capturing = (n, url) -> {
            List<Process> ps = WorkerSpawner.LOCAL.spawn(n, url);
            started.addAll(ps);
            return ps;
        };
        TrainingListener killer = new TrainingListener() {
            @Override
            public void trainLoss(int step, long tokens, double loss) {
                if (step == 3) {
                    started.get(1).destroyForcibly();
                }
            }
        };
        TransportException e = assertThrows(TransportException.class,
                () -> DistributedTrainer.train(c, killer, capturing, Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("worker"), e.getMessage());
        assertTrue(e.getMessage().contains("exited") || e.getMessage().contains("lost"), e.getMessage());
        for (Process p : started) {
            assertTrue(!p.isAlive(), "every worker process has stopped");
        }
    }
}

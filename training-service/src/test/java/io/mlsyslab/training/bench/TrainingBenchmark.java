package io.mlsyslab.training.bench;

import io.mlsyslab.training.distributed.DistributedTrainer;
import io.mlsyslab.training.distributed.WorkerSpawner;
import io.mlsyslab.training.quant.Codec;
import io.mlsyslab.training.trainer.Algorithm;
import io.mlsyslab.training.trainer.CorpusSpec;
import io.mlsyslab.training.trainer.InProcessTrainer;
import io.mlsyslab.training.trainer.SyncRecord;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingListener;
import io.mlsyslab.training.trainer.TrainingOutcome;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput of the benchmarks' "small" GPT-2 (n_layer 4, n_head 4, n_embd 128, ctx 64, vocab 96, batch 16
 * per worker) with 2 in-process workers of 1 thread each, and the per-sync cost of the in-process vs the HTTP
 * transport. Not a test: run with {@code java ... io.mlsyslab.training.bench.TrainingBenchmark} (see
 * benchmarks/TRAINING-BENCHMARKS.md).
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    static TrainerConfig small(Algorithm a, int h, int steps) {
        StringBuilder text = new StringBuilder();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 96; i++) {
            text.append((char) (32 + i)); // all 96 symbols occur
        }
        for (int i = 0; i < 300_000; i++) {
            text.append((char) (32 + r.nextInt(96)));
        }
        return new TrainerConfig(a, 2, h, 1, false, 0, 0.5f, Codec.NONE, 0.7f, 0.9f, 1e-4f, 0.1f, 2, 0.1f, 1f, 4,
                128, 4, 64, 16, new CorpusSpec("text", 16, 1000, text.toString()), steps, 1, 1, 1L);
    }

    static double meanExchangeMs(TrainingOutcome o) {
        return 1e3 * o.syncs().stream().mapToDouble(SyncRecord::exchangeSeconds).average().orElse(Double.NaN);
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        InProcessTrainer.train(small(Algorithm.DATA_PARALLEL, 10, 20), TrainingListener.NONE); // warm-up
        for (Algorithm a : new Algorithm[]{Algorithm.DATA_PARALLEL, Algorithm.DILOCO}) {
            TrainingOutcome o = InProcessTrainer.train(small(a, 10, steps), TrainingListener.NONE);
            System.out.printf(Locale.ROOT, "in-process %s: %d steps x 2 workers, %.1f s, %.0f tokens/s, "
                            + "%d syncs, mean exchange %.2f ms, %d bytes/worker/sync%n", a.wireName(), steps,
                    o.wallSeconds(), o.tokensPerSecond(), o.syncs().size(), meanExchangeMs(o),
                    o.syncs().getFirst().bytesSent());
        }
        for (Algorithm a : new Algorithm[]{Algorithm.DATA_PARALLEL, Algorithm.DILOCO}) {
            TrainerConfig c = small(a, 10, 40);
            TrainingOutcome local = InProcessTrainer.train(c, TrainingListener.NONE);
            TrainingOutcome http = DistributedTrainer.train(c, TrainingListener.NONE, WorkerSpawner.LOCAL,
                    Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "%s per sync (%d bytes/worker): in-process %.2f ms, http %.2f ms "
                            + "(mean over %d syncs of 40 steps; http workers are fresh JVMs), same losses: %s%n",
                    a.wireName(), local.syncs().getFirst().bytesSent(), meanExchangeMs(local), meanExchangeMs(http),
                    local.syncs().size(), local.trainLoss().equals(http.trainLoss()));
        }
    }
}

package io.mlsyslab.training.trainer;

import io.mlsyslab.training.quant.Codec;
import org.junit.jupiter.api.Test;

class BenchScratchTest {
    @Test
    void speed() {
        TrainerConfig c = new TrainerConfig(Algorithm.DATA_PARALLEL, 1, 10, 1, false, 0, 0.5f, Codec.NONE, 0.7f, 0.9f,
                3e-3f, 0.1f, 4, 0.1f, 1f, 4, 128, 4, 64, 16, new CorpusSpec("synthetic", 64, 50_000, null), 40, 1, 1, 7L);
        for (int k = 0; k < 3; k++) {
            TrainingOutcome o = InProcessTrainer.train(c, TrainingListener.NONE);
            System.out.println("bench run " + k + " tok/s " + o.tokensPerSecond());
        }
    }
}

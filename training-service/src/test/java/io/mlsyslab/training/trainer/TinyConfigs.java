package io.mlsyslab.training.trainer;

import io.mlsyslab.training.quant.Codec;

/** Small configurations shared by the trainer tests. */
public final class TinyConfigs {
    private TinyConfigs() {
    }

    public static TrainerConfig tiny(Algorithm a, int h, int p, int tau, Codec q, int totalSteps) {
        return tiny(a, h, p, tau, q, totalSteps, 2);
    }

    public static TrainerConfig tiny(Algorithm a, int h, int p, int tau, Codec q, int totalSteps, int workers) {
        return new TrainerConfig(a, workers, h, p, false, tau, 0.5f, q, 0.7f, 0.9f, 3e-3f, 0.1f, 4, 0.1f, 1f,
                2, 16, 2, 16, 4, new CorpusSpec("synthetic", 16, 20_000, null), totalSteps, 2, 1, 7L);
    }
}

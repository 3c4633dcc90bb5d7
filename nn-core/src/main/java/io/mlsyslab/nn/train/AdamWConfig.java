package io.mlsyslab.nn.train;

/**
 * AdamW hyper-parameters (PyTorch defaults apart from the weight decay).
 *
 * @param beta1       first-moment decay, in [0, 1)
 * @param beta2       second-moment decay, in [0, 1)
 * @param eps         denominator epsilon, {@code > 0}
 * @param weightDecay decoupled weight decay, {@code >= 0}
 */
public record AdamWConfig(float beta1, float beta2, float eps, float weightDecay) {
    /** Validates the ranges. */
    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1: must be in [0, 1), was " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2: must be in [0, 1), was " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps: must be > 0, was " + eps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay: must be >= 0, was " + weightDecay);
        }
    }

    /** beta1 0.9, beta2 0.95, eps 1e-8, weight decay 0.1 (the usual GPT-2 training recipe). */
    public static AdamWConfig gpt2Defaults() {
        return new AdamWConfig(0.9f, 0.95f, 1e-8f, 0.1f);
    }
}

package io.mlsyslab.storage.offload;

import java.util.List;

/**
 * What to sweep.
 *
 * @param model         the model
 * @param drives        drive count of the multi-drive InstInfer series (the single-drive series always runs)
 * @param sparsityRatio SparF compression ratio r
 * @param batches       batch sizes, ascending and distinct
 * @param inputTokens   prompt length
 * @param outputTokens  generated tokens per sequence
 */
public record StudyConfig(ModelSpec model, int drives, double sparsityRatio, List<Integer> batches, int inputTokens,
                          int outputTokens) {

    public StudyConfig {
        if (drives < 2) {
            throw new IllegalArgumentException("drives: the multi-drive series needs at least 2 drives");
        }
        if (!(sparsityRatio > 0 && sparsityRatio <= 1)) {
            throw new IllegalArgumentException("sparsityRatio: must be in (0, 1]");
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("batches: at least one batch size");
        }
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i) < 1) {
                throw new IllegalArgumentException("batches: sizes must be positive");
            }
            if (i > 0 && batches.get(i) <= batches.get(i - 1)) {
                throw new IllegalArgumentException("batches: must be ascending and distinct");
            }
        }
        batches = List.copyOf(batches);
        if (inputTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("inputTokens: lengths must be positive");
        }
    }

    /** The configuration of the paper's figure for this model (lengths, r = 1/8). */
    public boolean matchesPaper() {
        return inputTokens == model.paperInput() && outputTokens == model.paperOutput() && sparsityRatio == 0.125;
    }
}

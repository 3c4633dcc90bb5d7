package io.mlsyslab.storage.runs;

import io.mlsyslab.storage.offload.Hardware;
import io.mlsyslab.storage.offload.Ratio;
import io.mlsyslab.storage.offload.Series;

import java.util.List;
import java.util.Map;

/**
 * Result of an {@code offload-model} run.
 *
 * @param paperConfiguration       lengths and sparsity are the paper's, so paper values are attached to ratios
 * @param throughput               system -> batch -> tokens/s (null where the configuration does not fit)
 * @param series                   every point with its time split, KV-access share and why it does not fit
 * @param ratios                   each reproduced ratio next to the paper's value and the relative error
 * @param headlinesWithinTolerance the four headline ratios are within 25 % of the paper
 * @param hardware                 the constants used (docs/offload-model.md gives their sources)
 */
public record OffloadModelResult(String model, int inputTokens, int outputTokens, int drives, double sparsityRatio,
                                 boolean paperConfiguration, Map<String, Map<Integer, Double>> throughput,
                                 List<Series> series, List<Ratio> ratios, boolean headlinesWithinTolerance,
                                 Hardware hardware) {
}

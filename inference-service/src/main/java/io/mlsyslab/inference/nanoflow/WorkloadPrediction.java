package io.mlsyslab.inference.nanoflow;

/**
 * The model's prediction for one workload.
 *
 * @param workload                  workload name
 * @param promptTokens              average prompt length p
 * @param decodeTokens              average decode length d
 * @param denseTokens               dense batch used (the requested budget, or less where KV memory is short)
 * @param decodeTokensPerIteration  decode share of the dense batch, d / (p + d) of it
 * @param schedule                  the searched pipeline
 * @param schedulesSearched         schedules the search simulated
 * @param nonOverlapTokensPerGpu    one batch, operations one at a time (Fig. 9 "non-overlap")
 * @param nanoBatchOnlyTokensPerGpu the searched nano-batches without overlap (Fig. 9 "nano-batch only")
 * @param nanoflowTokensPerGpu      the searched pipeline with overlap (NanoFlow)
 * @param optimalTokensPerGpu       Eq. 5
 * @param fractionOfOptimal         NanoFlow / optimal
 * @param iterationMs               NanoFlow's iteration time
 * @param computeUtilization        FLOPs of the iteration / (iteration time x aggregated peak)
 */
public record WorkloadPrediction(String workload, double promptTokens, double decodeTokens, double denseTokens,
                                 double decodeTokensPerIteration, Schedule schedule, int schedulesSearched,
                                 double nonOverlapTokensPerGpu, double nanoBatchOnlyTokensPerGpu,
                                 double nanoflowTokensPerGpu, double optimalTokensPerGpu, double fractionOfOptimal,
                                 double iterationMs, double computeUtilization) {
}

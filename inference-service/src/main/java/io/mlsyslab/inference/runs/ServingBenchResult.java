package io.mlsyslab.inference.runs;

import java.util.List;

/**
 * Result of {@code serving-bench}.
 *
 * @param preset             model preset
 * @param parameters         model parameters
 * @param requests           requests per pipeline
 * @param promptTokens       prompt tokens of the workload
 * @param outputTokens       output tokens of the workload
 * @param cpu                CPU model of the machine
 * @param pipelines          one entry per pipeline
 * @param greedyOutputsEqual with temperature 0: whether every pipeline generated exactly the first pipeline's
 *                           tokens (null otherwise)
 * @param kvOffload          where the engines kept the KV: {@code none} or {@code storage}
 */
public record ServingBenchResult(String preset, long parameters, int requests, long promptTokens, long outputTokens,
                                 String cpu, List<Pipeline> pipelines, Boolean greedyOutputsEqual,
                                 String kvOffload) {

    /** One pipeline's measurements (see {@code BenchResult}). */
    public record Pipeline(String pipeline, double wallSeconds, double outputTokensPerSecond,
                           double totalTokensPerSecond, double ttftP50Seconds, double ttftP99Seconds,
                           double tpotP50Seconds, double tpotP99Seconds, long iterations, double meanBatchRows,
                           int maxBatchRows, long preemptions, double computeBusyShare, double memoryBusyShare,
                           double networkBusyShare, Double speedupVsFirst) {
    }
}

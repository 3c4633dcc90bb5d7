package io.mlsyslab.inference.bench;

import java.util.List;

/**
 * What one pipeline did on a workload.
 *
 * @param pipeline              {@code sequential} or {@code nano-batch(k)}
 * @param wallSeconds           first arrival to last token
 * @param outputTokensPerSecond generated tokens / wall time
 * @param totalTokensPerSecond  (prompt + generated) tokens / wall time (NanoFlow's metric)
 * @param ttftP50Seconds        time to first token, median
 * @param ttftP99Seconds        time to first token, 99th percentile
 * @param tpotP50Seconds        time per output token after the first (per request mean), median
 * @param tpotP99Seconds        same, 99th percentile
 * @param iterations            engine iterations
 * @param meanBatchRows         rows per iteration, mean
 * @param maxBatchRows          rows per iteration, largest
 * @param preemptions           sequences preempted
 * @param busyShare             busy time / wall time of the compute, memory and network executors, and overlap
 * @param ttftSeconds           per-request time to first token, in request order
 * @param tpotSeconds           per-request time per output token (NaN for one-token outputs)
 * @param outputs               generated token ids per request
 */
public record BenchResult(String pipeline, double wallSeconds, double outputTokensPerSecond,
                          double totalTokensPerSecond, double ttftP50Seconds, double ttftP99Seconds,
                          double tpotP50Seconds, double tpotP99Seconds, long iterations, double meanBatchRows,
                          int maxBatchRows, long preemptions, BusyShare busyShare, double[] ttftSeconds,
                          double[] tpotSeconds, List<int[]> outputs) {

    /**
     * Busy shares of the three executors, and the share of the wall time during which two or more of them were
     * busy at once (the pipeline's overlap; 0 for the sequential engine).
     */
    public record BusyShare(double compute, double memory, double network, double overlap) {
    }
}

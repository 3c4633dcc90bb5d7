package io.mlsyslab.training.runs;

import java.util.List;

/**
 * Result of {@code diloco-compare}: one row per method, all at equal tokens, workers, data and seed.
 *
 * @param rows   data-parallel, diloco, streaming-diloco fp32, streaming-diloco fp4-e3m0
 * @param table  the rows as a Markdown table (also stored as {@code table.md})
 */
public record DilocoCompareResult(int workers, int innerSteps, int fragments, int overlap, long tokens,
                                  Double entropyFloor, List<Row> rows, String table) {

    /**
     * @param lossVsDataParallel     final eval loss / data-parallel's - 1
     * @param bytesVsDataParallel    total bytes / data-parallel's
     * @param peakVsDiloco           peak bytes of one sync / DiLoCo's (same quantisation family: fp32)
     */
    public record Row(String method, String algorithm, String quantisation, double finalEvalLoss,
                      double lossVsDataParallel, long totalBytes, double bytesVsDataParallel, long peakSyncBytes,
                      double peakVsDiloco, int syncs, double wallSeconds, double tokensPerSecond) {
    }
}

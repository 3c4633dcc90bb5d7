package io.mlsyslab.storage.runs;

import io.mlsyslab.storage.bench.AttentionBench;
import java.util.List;

/**
 * Result of {@code attention-bench}.
 *
 * @param points                 every (length, batch, mode) measured
 * @param inStorageOverFetch     in-storage / fetch tokens/s at the largest length and batch
 * @param inStorageOverInMemory  in-storage / in-memory tokens/s at the same point
 */
public record AttentionBenchResult(List<AttentionBench.Point> points, double inStorageOverFetch,
                                   double inStorageOverInMemory) {
    static AttentionBenchResult of(List<AttentionBench.Point> points) {
        int maxLen = points.stream().mapToInt(AttentionBench.Point::length).max().orElse(0);
        int maxBatch = points.stream().mapToInt(AttentionBench.Point::batch).max().orElse(0);
        double in = rate(points, maxLen, maxBatch, "in-storage");
        return new AttentionBenchResult(points, in / rate(points, maxLen, maxBatch, "fetch"),
                in / rate(points, maxLen, maxBatch, "in-memory"));
    }

    private static double rate(List<AttentionBench.Point> points, int length, int batch, String mode) {
        return points.stream().filter(p -> p.length() == length && p.batch() == batch && p.mode().equals(mode))
                .mapToDouble(AttentionBench.Point::tokensPerSecond).findFirst().orElse(Double.NaN);
    }
}

package io.mlsyslab.inference.engine;

/**
 * A snapshot of the engine's state and counters.
 *
 * @param running        sequences holding KV memory
 * @param waiting        sequences waiting for admission (preempted ones included)
 * @param kvUsedBytes    key/value bytes in use
 * @param kvTotalBytes   key/value pool size
 * @param preemptions    sequences preempted so far
 * @param iterations     iterations run so far
 * @param batchedRows    rows over all iterations
 * @param busyNanos      busy time per executor (compute, memory, network)
 * @param overlapNanos   wall time during which two or more executors were busy at once (nano-batch pipeline)
 */
public record EngineStats(int running, int waiting, long kvUsedBytes, long kvTotalBytes, long preemptions,
                          long iterations, long batchedRows, long[] busyNanos, long overlapNanos) {
}

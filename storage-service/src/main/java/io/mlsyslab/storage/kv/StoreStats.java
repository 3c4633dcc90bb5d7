package io.mlsyslab.storage.kv;

/**
 * Counters and sizes of a store since it was opened.
 *
 * @param sequences        live sequences
 * @param liveBytes        bytes of live pages
 * @param programmedBytes  bytes of programmed pages not yet erased (live + dead)
 * @param manifestBytes    size of the manifest
 * @param pagesWritten     pages programmed (appends and compaction)
 * @param pagesRead        pages read by attention and fetches
 * @param bytesScanned     K/V bytes read by attention
 * @param reclaimedBytes   bytes of dead pages erased
 * @param pagesMoved       live pages moved by compaction
 */
public record StoreStats(int sequences, long liveBytes, long programmedBytes, long manifestBytes, long pagesWritten,
                         long pagesRead, long bytesScanned, long reclaimedBytes, long pagesMoved) {
}

package io.mlsyslab.storage.attention;

/**
 * Output of attention for one sequence.
 *
 * @param out          {@code qHeads × headDim} fp32
 * @param length       tokens attended over
 * @param bytesScanned K/V bytes read from the store (exact pages, plus the approximate step in sparse mode)
 * @param pagesKept    K pages per kv-head kept for the exact step, summed over kv-heads
 * @param pagesTotal   K pages per kv-head, summed over kv-heads
 * @param sparseError  relative L2 error {@code ||sparse − dense|| / ||dense||}; 0 in dense mode, NaN when not measured
 */
public record AttentionResult(float[] out, int length, long bytesScanned, int pagesKept, int pagesTotal,
                              double sparseError) {
}

package io.mlsyslab.storage.attention;

import java.util.UUID;

/**
 * One query of a (batched) attention call.
 *
 * @param sequence the stored sequence
 * @param q        {@code qHeads × headDim} fp32, {@code qHeads} a multiple of the sequence's kv-heads
 * @param length   tokens to attend over from the start, or {@code -1} for all stored tokens of the layer
 */
public record AttentionQuery(UUID sequence, float[] q, int length) {
}

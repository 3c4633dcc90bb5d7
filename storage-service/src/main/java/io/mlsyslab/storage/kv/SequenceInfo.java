package io.mlsyslab.storage.kv;

import java.time.Instant;
import java.util.UUID;

/**
 * What the store knows about a sequence.
 *
 * @param length       tokens present in every layer (the minimum of {@code layerLengths})
 * @param layerLengths tokens stored per layer (they differ while a decode step appends layer by layer)
 * @param bytes        logical K and V bytes stored, over all layers
 */
public record SequenceInfo(UUID id, KvLayout layout, int length, int[] layerLengths, long bytes, Instant created) {
}

package io.mlsyslab.storage.api;

/**
 * Answer of an append.
 *
 * @param length tokens now stored: in every layer (all-layers append) or in the appended layer
 * @param layer  the appended layer, or null for an all-layers append
 */
public record LengthResponse(int length, Integer layer) {
}

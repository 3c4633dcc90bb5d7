package io.mlsyslab.storage.api;

import io.mlsyslab.storage.kv.SequenceInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored sequence.
 *
 * @param length        tokens present in every layer
 * @param layerLengths  tokens per layer
 * @param bytes         logical K+V bytes stored
 * @param tokensPerPage tokens per page (T) of this sequence's layout
 */
public record SequenceResponse(UUID id, int layers, int kvHeads, int headDim, String dtype, int length,
                               int[] layerLengths, long bytes, int tokensPerPage, String owner, Instant created) {
    static SequenceResponse of(SequenceInfo info, String owner) {
        return new SequenceResponse(info.id(), info.layout().layers(), info.layout().kvHeads(),
                info.layout().headDim(), info.layout().format().wireName(), info.length(), info.layerLengths(),
                info.bytes(), info.layout().tokensPerPage(), owner, info.created());
    }
}

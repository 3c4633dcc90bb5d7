package io.mlsyslab.storage.client;

import io.mlsyslab.nn.kernel.KvFormat;
import java.util.UUID;

/** A stored sequence as the service describes it. */
public record SequenceHandle(UUID id, int layers, int kvHeads, int headDim, KvFormat dtype, int length, long bytes) {
}

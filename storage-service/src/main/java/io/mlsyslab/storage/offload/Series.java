package io.mlsyslab.storage.offload;

import java.util.List;

/** Throughput of one system over the batch sweep. */
public record Series(String system, String description, List<Estimate> points) {
}

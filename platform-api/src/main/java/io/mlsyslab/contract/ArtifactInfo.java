package io.mlsyslab.contract;

import java.time.Instant;

/** One artifact a run stored (its bytes are fetched by name). */
public record ArtifactInfo(String name, String contentType, long size, Instant createdAt) {}

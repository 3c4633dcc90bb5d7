package io.mlsyslab.contract;

import java.util.List;

/** Body of {@code GET runs/{id}/artifacts}. */
public record ArtifactList(List<ArtifactInfo> artifacts) {}

package io.mlsyslab.platform.runs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A persisted run as the API shows it (ARCHITECTURE §4). {@code params} has every default filled in;
 * {@code createdBy} is the API key name the gateway forwarded, null for calls that bypassed it.
 */
public record Run(
        UUID id,
        String kind,
        RunStatus status,
        double progress,
        JsonNode params,
        Map<String, String> tags,
        JsonNode result,
        JsonNode error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int attempt,
        String createdBy) {}

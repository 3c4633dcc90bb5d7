package io.mlsyslab.contract;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A persisted run as the run API shows it (ARCHITECTURE.md §4). {@code params} has every default filled in;
 * {@code createdBy} is the API key name the gateway forwarded, null for calls that bypassed it. {@code params},
 * {@code result} and {@code error} are JSON whose shape depends on the run kind.
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

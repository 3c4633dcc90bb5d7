package io.mlsyslab.platform.runs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST runs}: the kind, its params (omitted ones take defaults) and free-form string tags. */
public record CreateRunRequest(
        @NotBlank String kind,
        JsonNode params,
        @Size(max = 32, message = "at most 32 tags") Map<String, String> tags) {}

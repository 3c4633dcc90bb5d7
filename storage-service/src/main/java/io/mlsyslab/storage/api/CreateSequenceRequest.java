package io.mlsyslab.storage.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /api/storage/kv/sequences}. */
public record CreateSequenceRequest(
        @NotNull @Min(1) @Max(4096) Integer layers,
        @NotNull @Min(1) @Max(1024) Integer kvHeads,
        @NotNull @Min(1) @Max(262144) Integer headDim,
        @NotNull @Pattern(regexp = "f32|f16|bf16", message = "must be one of f32, f16, bf16") String dtype) {
}

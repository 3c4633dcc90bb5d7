package io.mlsyslab.storage.runs;

import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.storage.offload.ModelSpec;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Params of the {@code offload-model} run kind. A null component takes the paper's value: OPT-13B, 2 drives for
 * the multi-drive series, SparF at 1/8, batches 4..256, and the model's paper lengths (1024/1024 for OPT,
 * 2048/2048 for Llama-2-13B).
 */
public record OffloadModelParams(
        @ParamDescription("model: opt-13b, opt-30b, llama-2-13b")
        @Pattern(regexp = "opt-13b|opt-30b|llama-2-13b") String model,
        @ParamDescription("drive count of the multi-drive InstInfer series (the 1-drive series always runs)")
        @Min(2) @Max(64) Integer drives,
        @ParamDescription("SparF compression ratio r: fraction of KV entries kept")
        @DecimalMin("0.01") @DecimalMax("1") Double sparsityRatio,
        @ParamDescription("batch sizes to sweep (distinct; sorted ascending)")
        @Size(min = 1, max = 16) List<@Min(1) @Max(8192) Integer> batches,
        @ParamDescription("prompt length in tokens (default: the paper's for the model)")
        @Min(1) @Max(32768) Integer inputTokens,
        @ParamDescription("generated tokens per sequence (default: the paper's for the model)")
        @Min(1) @Max(32768) Integer outputTokens) {

    public OffloadModelParams {
        model = model == null ? ModelSpec.OPT_13B.name() : model;
        ModelSpec spec = ModelSpec.byName("model", model);
        drives = drives == null ? 2 : drives;
        if (drives > spec.heads()) {
            throw new IllegalArgumentException("drives: " + model + " has " + spec.heads()
                    + " heads, at most one drive per head");
        }
        sparsityRatio = sparsityRatio == null ? 0.125 : sparsityRatio;
        if (batches == null) {
            batches = List.of(4, 8, 16, 32, 64, 128, 256);
        } else {
            if (batches.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("batches: null entry");
            }
            if (new HashSet<>(batches).size() != batches.size()) {
                throw new IllegalArgumentException("batches: duplicate batch size");
            }
            List<Integer> sorted = new ArrayList<>(batches);
            sorted.sort(null);
            batches = List.copyOf(sorted);
        }
        inputTokens = inputTokens == null ? spec.paperInput() : inputTokens;
        outputTokens = outputTokens == null ? spec.paperOutput() : outputTokens;
    }

    public ModelSpec spec() {
        return ModelSpec.byName("model", model);
    }
}

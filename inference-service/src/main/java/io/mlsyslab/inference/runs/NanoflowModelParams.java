package io.mlsyslab.inference.runs;

import io.mlsyslab.inference.nanoflow.ClosedForms;
import io.mlsyslab.inference.nanoflow.GpuProfile;
import io.mlsyslab.inference.nanoflow.ModelConfig;
import io.mlsyslab.inference.nanoflow.Workload;
import io.mlsyslab.platform.runs.ParamDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.HashSet;
import java.util.List;

/**
 * Params of the {@code nanoflow-model} run kind. A null component takes its default; the defaults are the paper's
 * setup (LLaMA-2-70B, 8 x A100-80G, dense batch 2048, the six Fig. 7 workloads plus Fig. 9's 512/0).
 */
public record NanoflowModelParams(
        @ParamDescription("model: llama-2-70b, llama-3-70b, llama-3-8b, qwen2-72b, deepseek-67b, mixtral-8x7b")
        @Pattern(regexp = ModelConfig.NAMES) String model,
        @ParamDescription("GPU profile: A100-80G, H100-SXM, H200, RTX-A6000")
        @Pattern(regexp = GpuProfile.NAMES) String gpu,
        @ParamDescription("tensor-parallel GPUs (default 8; 1 for llama-3-8b)") @Min(1) @Max(64) Integer gpus,
        @ParamDescription("workloads: splitwise, lmsys-chat, sharegpt or <prompt>/<decode> average lengths")
        @Size(min = 1, max = 12) List<@Pattern(regexp = Workload.NAME_PATTERN) String> workloads,
        @ParamDescription("dense token budget per iteration (less is used where KV memory cannot hold it)")
        @Min(128) @Max(65536) Integer denseBatch,
        @ParamDescription("search: fewest nano-batches per half layer") @Min(1) @Max(8) Integer minNanoBatches,
        @ParamDescription("search: most nano-batches per half layer") @Min(1) @Max(8) Integer maxNanoBatches,
        @ParamDescription("search: step of the GPU-share grid") @DecimalMin("0.05") @DecimalMax("0.5")
        Double shareStep) {

    /** Most schedules one run may simulate in its searches. */
    public static final long MAX_SCHEDULES = 200_000;

    public NanoflowModelParams {
        model = model == null ? ModelConfig.LLAMA2_70B.name() : model;
        gpu = gpu == null ? GpuProfile.A100_80G.name() : gpu;
        gpus = gpus == null ? (model.equals(ModelConfig.LLAMA3_8B.name()) ? 1 : 8) : gpus;
        workloads = workloads == null ? List.of("512/512", "1024/512", "512/1024", "splitwise", "lmsys-chat",
                "sharegpt", "512/0") : List.copyOf(workloads);
        denseBatch = denseBatch == null ? 2048 : denseBatch;
        minNanoBatches = minNanoBatches == null ? 1 : minNanoBatches;
        maxNanoBatches = maxNanoBatches == null ? 4 : maxNanoBatches;
        shareStep = shareStep == null ? 0.1 : shareStep;
        if (minNanoBatches > maxNanoBatches) {
            throw new IllegalArgumentException("maxNanoBatches: must be >= minNanoBatches (" + minNanoBatches + ")");
        }
        if (new HashSet<>(workloads).size() != workloads.size()) {
            throw new IllegalArgumentException("workloads: names must be distinct");
        }
        boolean namesValid = ModelConfig.NAMES_SET.contains(model) && GpuProfile.NAMES_SET.contains(gpu);
        if (namesValid && gpus >= 1) {
            ModelConfig m = ModelConfig.named(model);
            GpuProfile g = GpuProfile.named(gpu);
            if (m.totalParams() * 2 >= gpus * g.memBytes()) {
                throw new IllegalArgumentException("gpus: " + model + " needs " + Math.round(m.totalParams() * 2 / 1e9)
                        + " GB of FP16 weights, " + gpus + " x " + gpu + " hold " + Math.round(gpus * g.memBytes() / 1e9)
                        + " GB");
            }
            for (String name : workloads) {
                Workload w = workload(name);
                if (w != null && ClosedForms.memoryFilledDenseBatch(m, g, gpus, 2, w, m.totalParams()) < 1) {
                    throw new IllegalArgumentException("workloads: " + name + " leaves no KV memory for one token on "
                            + gpus + " x " + gpu);
                }
            }
        }
        for (String name : workloads) {
            workload(name);
        }
        boolean boundsValid = minNanoBatches >= 1 && maxNanoBatches <= 8 && shareStep >= 0.05 && shareStep <= 0.5;
        if (boundsValid && gpus >= 1) {
            long steps = (long) Math.floor(0.9 / shareStep + 1e-9);
            long ewSteps = (long) Math.floor(0.5 / shareStep + 1e-9);
            long k = maxNanoBatches - minNanoBatches + 1;
            long perWorkload = k * k * steps * ewSteps * (gpus > 1 ? steps : 1);
            if (perWorkload * workloads.size() > MAX_SCHEDULES) {
                throw new IllegalArgumentException("maxNanoBatches: the searches would simulate "
                        + perWorkload * workloads.size() + " schedules, at most " + MAX_SCHEDULES
                        + "; narrow the nano-batch bounds, coarsen shareStep or list fewer workloads");
            }
        }
    }

    /** The workload of a name that passed its pattern (null otherwise: bean validation reports it). */
    private static Workload workload(String name) {
        if (name == null || !name.matches(Workload.NAME_PATTERN)) {
            return null;
        }
        try {
            return Workload.named(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workloads: " + e.getMessage().replaceFirst("^workload: ", ""));
        }
    }
}

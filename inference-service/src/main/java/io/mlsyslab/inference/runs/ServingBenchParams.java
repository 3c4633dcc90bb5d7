package io.mlsyslab.inference.runs;

import io.mlsyslab.inference.serving.RandomPresets;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.platform.runs.ParamDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Parameters of {@code serving-bench}. */
public record ServingBenchParams(
        @ParamDescription("random-weight model preset: tiny, small, medium, long-context, gpt2-124m-shape")
        @Pattern(regexp = "tiny|small|medium|long-context|gpt2-124m-shape") String preset,
        @ParamDescription("seed of the weights and of the workload") Long seed,
        @ParamDescription("number of requests") @Min(1) @Max(4096) Integer requests,
        @ParamDescription("offline (all at once) or poisson arrivals") @Pattern(regexp = "offline|poisson")
        String arrival,
        @ParamDescription("poisson arrival rate, requests per second") @DecimalMin("0.01") @DecimalMax("10000")
        Double rate,
        @ParamDescription("fixed lengths, or distributions shaped like ShareGPT or LMSYS-Chat-1M")
        @Pattern(regexp = "fixed|sharegpt|lmsys") String lengths,
        @ParamDescription("prompt tokens (fixed lengths)") @Min(1) @Max(4095) Integer promptTokens,
        @ParamDescription("output tokens (fixed lengths)") @Min(1) @Max(4095) Integer outputTokens,
        @ParamDescription("factor applied to the ShareGPT/LMSYS lengths") @DecimalMin("0.01") @DecimalMax("4")
        Double lengthScale,
        @ParamDescription("pipelines to compare: sequential or nano-batch(k), k in 2..16") @NotEmpty @Size(max = 6)
        List<@Pattern(regexp = "sequential|nano-batch\\((?:[2-9]|1[0-6])\\)") String> pipelines,
        @ParamDescription("kvOffload: none (KV in the engine's memory) or storage (K/V and attention in "
                + "storage-service at mlsyslab.services.urls.storage; it must be reachable)")
        @Pattern(regexp = "none|storage") String kvOffload,
        @ParamDescription("rows per iteration") @Min(1) @Max(8192) Integer maxBatchedTokens,
        @ParamDescription("sequences holding KV memory at once") @Min(1) @Max(1024) Integer maxRunning,
        @ParamDescription("KV memory, MiB") @Min(1) @Max(4096) Integer kvCacheMb,
        @ParamDescription("threads of the GEMM pool (0 = available processors)") @Min(0) @Max(256)
        Integer computeThreads,
        @ParamDescription("threads of the attention pool") @Min(1) @Max(256) Integer attentionThreads,
        @ParamDescription("sampling temperature (0 = greedy: outputs are compared across pipelines)")
        @DecimalMin("0") @DecimalMax("2") Double temperature) {

    public ServingBenchParams {
        preset = preset == null ? "small" : preset;
        seed = seed == null ? 1L : seed;
        requests = requests == null ? 32 : requests;
        arrival = arrival == null ? "offline" : arrival;
        rate = rate == null ? 4.0 : rate;
        lengths = lengths == null ? "fixed" : lengths;
        promptTokens = promptTokens == null ? 64 : promptTokens;
        outputTokens = outputTokens == null ? 32 : outputTokens;
        lengthScale = lengthScale == null ? 0.25 : lengthScale;
        pipelines = pipelines == null ? List.of("sequential", "nano-batch(2)") : List.copyOf(pipelines);
        kvOffload = kvOffload == null ? "none" : kvOffload;
        maxBatchedTokens = maxBatchedTokens == null ? 256 : maxBatchedTokens;
        maxRunning = maxRunning == null ? 32 : maxRunning;
        kvCacheMb = kvCacheMb == null ? 64 : kvCacheMb;
        computeThreads = computeThreads == null ? 0 : computeThreads;
        attentionThreads = attentionThreads == null ? 1 : attentionThreads;
        temperature = temperature == null ? 0.0 : temperature;
        if (preset.matches("tiny|small|medium|long-context|gpt2-124m-shape")) {
            GptConfig c = RandomPresets.config(preset);
            if (lengths.equals("fixed") && promptTokens + outputTokens > c.nPositions()) {
                throw new IllegalArgumentException("promptTokens: promptTokens + outputTokens ("
                        + (promptTokens + outputTokens) + ") exceeds the context of preset " + preset + " ("
                        + c.nPositions() + ")");
            }
            long perPosition = 2L * c.nLayer() * c.nEmbd() * Float.BYTES;
            long positions = (long) kvCacheMb * 1024 * 1024 / perPosition;
            int longest = lengths.equals("fixed") ? promptTokens + outputTokens : c.nPositions();
            if (positions < longest) {
                throw new IllegalArgumentException("kvCacheMb: " + kvCacheMb + " MiB hold " + positions
                        + " positions of preset " + preset + ", fewer than one request needs (" + longest + ")");
            }
        }
    }

    /** The nano-batch count of a pipeline name. */
    static int nanoBatches(String pipeline) {
        return pipeline.equals("sequential") ? 1
                : Integer.parseInt(pipeline.substring("nano-batch(".length(), pipeline.length() - 1));
    }
}

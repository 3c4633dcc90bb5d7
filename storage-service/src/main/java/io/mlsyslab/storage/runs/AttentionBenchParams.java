package io.mlsyslab.storage.runs;

import io.mlsyslab.platform.runs.ParamDescription;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Parameters of {@code attention-bench}; every limit is checked at submission. */
public record AttentionBenchParams(
        @ParamDescription("sequence lengths (tokens) to sweep") @NotEmpty @Size(max = 8)
        List<@Min(1) @Max(65536) Integer> lengths,
        @ParamDescription("batch sizes (sequences per decode step) to sweep") @NotEmpty @Size(max = 8)
        List<@Min(1) @Max(64) Integer> batches,
        @ParamDescription("key/value heads per sequence") @Min(1) @Max(128) Integer kvHeads,
        @ParamDescription("query heads (a multiple of kvHeads)") @Min(1) @Max(512) Integer qHeads,
        @ParamDescription("elements per head") @Min(1) @Max(512) Integer headDim,
        @ParamDescription("stored element format") @Pattern(regexp = "f32|f16|bf16") String dtype,
        @ParamDescription("emulated host link bandwidth, GB/s") @DecimalMin("0.01") @DecimalMax("1000")
        Double linkGigabytesPerSecond,
        @ParamDescription("emulated link latency per transfer, microseconds") @Min(0) @Max(100000)
        Integer linkLatencyMicros,
        @ParamDescription("timed decode steps per point and mode") @Min(1) @Max(100) Integer steps,
        @ParamDescription("random seed of the stored K/V and queries") Long seed) {

    /** Largest K/V volume one point may store (bytes). */
    public static final long MAX_POINT_BYTES = 1L << 30;

    public AttentionBenchParams {
        lengths = lengths == null ? List.of(512, 2048, 8192) : List.copyOf(lengths);
        batches = batches == null ? List.of(1, 4) : List.copyOf(batches);
        kvHeads = kvHeads == null ? 8 : kvHeads;
        qHeads = qHeads == null ? 32 : qHeads;
        headDim = headDim == null ? 128 : headDim;
        dtype = dtype == null ? "f16" : dtype;
        linkGigabytesPerSecond = linkGigabytesPerSecond == null ? 2.0 : linkGigabytesPerSecond;
        linkLatencyMicros = linkLatencyMicros == null ? 10 : linkLatencyMicros;
        steps = steps == null ? 3 : steps;
        seed = seed == null ? 42L : seed;
        if (qHeads % kvHeads != 0) {
            throw new IllegalArgumentException("qHeads: must be a multiple of kvHeads=" + kvHeads + ", was " + qHeads);
        }
        int bytes = "f32".equals(dtype) ? 4 : 2;
        if ((long) headDim * bytes > 4096) {
            throw new IllegalArgumentException("headDim: one row must fit a 4 KiB page, was " + headDim);
        }
        long maxLength = lengths.stream().mapToLong(Integer::longValue).max().orElse(1);
        long maxBatch = batches.stream().mapToLong(Integer::longValue).max().orElse(1);
        long point = 2L * maxLength * maxBatch * kvHeads * headDim * bytes;
        if (point > MAX_POINT_BYTES) {
            throw new IllegalArgumentException("lengths: the largest point stores " + point
                    + " bytes of K/V, at most " + MAX_POINT_BYTES);
        }
    }
}

package io.mlsyslab.inference.nanoflow;

import java.util.Map;

/**
 * The paper's numbers this model is checked against (Zhu et al., NanoFlow, arXiv 2408.12757 v2; values as read in
 * the digest {@code shared/papers/nanoflow.md}). Reference data only: nothing in the model is fitted to them except
 * the seven Table 2 efficiencies ({@link KernelEfficiency}).
 */
public final class PaperFigures {

    /** Table 2 totals, ms: compute, memory, network (LLaMA-2-70B, 8 x A100, dense batch 2048). */
    public static final double TABLE2_COMPUTE_MS = 114.17;
    public static final double TABLE2_MEMORY_MS = 45.09;
    public static final double TABLE2_NETWORK_MS = 31.33;
    /** Table 2 "Real" column summed: 225.05 ms per 2048-token iteration. */
    public static final double TABLE2_REAL_SUM_MS = 225.05;
    /** Eq. 5 optimum the paper uses (code: {@code optimal_thorughput = 1857}). */
    public static final double OPTIMAL_TOKENS_PER_GPU = 1857;
    /** The CUTLASS-profiled A100 rate the paper's text names; 280e12 / (2 x 70e9) = 2000, not 1857. */
    public static final double TEXT_FLOPS = 280e12;

    /** Fig. 10: average compute utilisation of NanoFlow on LLaMA-2-70B. */
    public static final double FIG10_UTILISATION = 0.685;

    /** Fig. 7 NanoFlow bars, tokens/s/GPU. */
    public static final Map<String, Double> FIG7_NANOFLOW = Map.of("512/512", 1286.0, "1024/512", 1263.0,
            "512/1024", 1212.0, "splitwise", 1259.0, "lmsys-chat", 1247.0, "sharegpt", 1272.0);

    /** Fig. 9 ablation: non-overlap, nano-batch only, NanoFlow, tokens/s/GPU. */
    public static final Map<String, double[]> FIG9_ABLATION = Map.of("512/0", new double[]{1273, 1171, 1446},
            "512/512", new double[]{1106, 982, 1323}, "1024/512", new double[]{1092, 958, 1291},
            "512/1024", new double[]{1048, 952, 1277});

    /** Fig. 11 NanoFlow at 1024/512 (LLaMA-3-8B on 1 GPU, the rest on 8), tokens/s/GPU. */
    public static final Map<String, Double> FIG11_NANOFLOW = Map.of("llama-3-70b", 1306.0, "qwen2-72b", 1213.0,
            "deepseek-67b", 1147.0, "mixtral-8x7b", 5188.0, "llama-3-8b", 12756.0);

    /** Fig. 3 T_R, LLaMA-2-70B on 8 x A100 and LLaMA-3-8B on 1 x A100. */
    public static final Map<String, double[]> FIG3_TR = Map.of("512/512", new double[]{0.18, 0.61},
            "1024/512", new double[]{0.20, 0.68}, "512/1024", new double[]{0.32, 1.09},
            "splitwise", new double[]{0.09, 0.31}, "lmsys-chat", new double[]{0.07, 0.23},
            "sharegpt", new double[]{0.11, 0.37});

    /** Fig. 2 T_net / T_compute for LLaMA-2-70B on 8 GPUs. */
    public static final Map<String, Double> FIG2_NET_RATIO = Map.of("A100-80G", 0.273, "H100-SXM", 0.576);

    private PaperFigures() {
    }

    /** True for the paper's main setup: LLaMA-2-70B, 8 x A100-80G, dense batch 2048. */
    public static boolean isPaperSetup(ModelConfig m, GpuProfile g, int gpus, int denseBatch) {
        return m.equals(ModelConfig.LLAMA2_70B) && g.equals(GpuProfile.A100_80G) && gpus == 8 && denseBatch == 2048;
    }
}

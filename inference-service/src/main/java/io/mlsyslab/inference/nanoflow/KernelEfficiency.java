package io.mlsyslab.inference.nanoflow;

import java.util.EnumMap;
import java.util.Map;

/**
 * How far real kernels fall short of the datasheet roofline, one number per operation class, taken from the paper's
 * Table 2 as (estimated ms of the bounding resource) / (real ms), at LLaMA-2-70B, 8 x A100, dense batch 2048. These
 * seven ratios are the only calibration of the iteration model; they are shared by every model, GPU and workload.
 * Element-wise kernels (not in Table 2) take decode attention's memory efficiency, the LM head takes KQV's.
 */
public final class KernelEfficiency {

    /** Table 2 "Est." of the bounding resource and "Real" ms per row (paper, Table 2). */
    static final double[][] TABLE2_EST_REAL = {
            {11.01, 16.08},  // KQV (compute)
            {8.81, 16.01},   // O (compute)
            {61.67, 69.92},  // UG (compute)
            {30.84, 34.96},  // D (compute)
            {28.89, 35.60},  // DecAttn (memory)
            {0.37, 4.56},    // PfAttn (compute)
            {31.33, 47.92},  // Net (network)
    };

    /** The dense batch at which Table 2 measured the GEMMs; the rows-per-GEMM correction is relative to it. */
    public static final double REFERENCE_ROWS = 2048;

    private static final Map<OpKind, Double> BY_KIND = new EnumMap<>(OpKind.class);

    static {
        double kqv = ratio(0);
        BY_KIND.put(OpKind.KQV, kqv);
        BY_KIND.put(OpKind.O, ratio(1));
        BY_KIND.put(OpKind.UG, ratio(2));
        BY_KIND.put(OpKind.D, ratio(3));
        BY_KIND.put(OpKind.DEC_ATTN, ratio(4));
        BY_KIND.put(OpKind.PF_ATTN, ratio(5));
        BY_KIND.put(OpKind.NET1, ratio(6));
        BY_KIND.put(OpKind.NET2, ratio(6));
        BY_KIND.put(OpKind.OTHER1, ratio(4));
        BY_KIND.put(OpKind.OTHER2, ratio(4));
        BY_KIND.put(OpKind.LM_HEAD, kqv);
    }

    private KernelEfficiency() {
    }

    private static double ratio(int row) {
        return TABLE2_EST_REAL[row][0] / TABLE2_EST_REAL[row][1];
    }

    /** Real-over-roofline efficiency of an operation at the reference batch. */
    public static double of(OpKind kind) {
        return BY_KIND.get(kind);
    }

    /**
     * Time factor of a GEMM with {@code rows} rows relative to one with {@link #REFERENCE_ROWS}: an additive roofline
     * (streaming the weights is not hidden behind the math), time proportional to rows + r where r = the GPU's ridge
     * point in rows (Compute / MemBW x 2 / bytesPerParam; 156 on an A100 at FP16). Smaller nano-batches pay the
     * weight stream once more each: this is where "nano-batch only" loses throughput.
     */
    public static double gemmRowsFactor(double rows, double ridgeRows) {
        if (rows <= 0) {
            return 1;
        }
        return ((rows + ridgeRows) / rows) / ((REFERENCE_ROWS + ridgeRows) / REFERENCE_ROWS);
    }
}

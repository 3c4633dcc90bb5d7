package io.mlsyslab.inference.nanoflow;

/**
 * The R -> P exchange table (paper Table 3): a nano-operation given a share R of the GPU (thread blocks, measured
 * from the GEMM's side) runs at P times its solo speed. Only the columns the paper prints are data: GEMM P = R;
 * GEMV 0.2/0.3 at R = 0.1/0.2 and 0.85/0.95 at R = 0.8/0.9, plus section 4.1.4's "decode attention at R = 0.4
 * still reaches about 0.8"; network 0.3/0.5 at 0.1/0.2 and 0.9/1.0 at 0.8/0.9. Between printed points P is
 * linear in R. One table for every workload, model and GPU.
 */
public final class InterferenceTable {

    private static final double[][] GEMM = {{0, 0}, {1, 1}};
    private static final double[][] GEMV = {{0, 0}, {0.1, 0.2}, {0.2, 0.3}, {0.4, 0.8}, {0.8, 0.85}, {0.9, 0.95},
            {1, 1}};
    private static final double[][] NETWORK = {{0, 0}, {0.1, 0.3}, {0.2, 0.5}, {0.8, 0.9}, {0.9, 1}, {1, 1}};

    private InterferenceTable() {
    }

    /** Fraction of solo speed an operation bounded by {@code resource} reaches with share {@code r} in (0, 1]. */
    public static double performance(OpKind.Resource resource, double r) {
        if (!(r > 0 && r <= 1 + 1e-9)) {
            throw new IllegalArgumentException("share: must be in (0, 1], got " + r);
        }
        double[][] curve = switch (resource) {
            case COMPUTE -> GEMM;
            case MEMORY -> GEMV;
            case NETWORK -> NETWORK;
        };
        double x = Math.min(1, r);
        for (int i = 1; i < curve.length; i++) {
            if (x <= curve[i][0] + 1e-12) {
                double[] a = curve[i - 1];
                double[] b = curve[i];
                return a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]);
            }
        }
        return 1;
    }
}

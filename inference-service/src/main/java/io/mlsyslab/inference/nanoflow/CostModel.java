package io.mlsyslab.inference.nanoflow;

/**
 * NanoFlow's per-operation cost model (paper section 3, Table 2): FLOPs, memory bytes and network bytes of each
 * operation of a layer for a batch, their roofline times on the aggregated hardware, and the real-kernel time from
 * {@link KernelEfficiency}. All counts are summed over the tensor-parallel group, as Table 2 does.
 */
public final class CostModel {

    private final ModelConfig model;
    private final GpuProfile gpu;
    private final int gpus;
    private final int bytesPerParam;

    public CostModel(ModelConfig model, GpuProfile gpu, int gpus, int bytesPerParam) {
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus: need at least 1 GPU");
        }
        if (bytesPerParam < 1) {
            throw new IllegalArgumentException("bytesPerParam: must be >= 1");
        }
        this.model = model;
        this.gpu = gpu;
        this.gpus = gpus;
        this.bytesPerParam = bytesPerParam;
    }

    public ModelConfig model() {
        return model;
    }

    public GpuProfile gpu() {
        return gpu;
    }

    public int gpus() {
        return gpus;
    }

    public int bytesPerParam() {
        return bytesPerParam;
    }

    /** Aggregated peak compute, FLOP/s. */
    public double compute() {
        return gpus * gpu.flops();
    }

    /** Aggregated memory bandwidth, bytes/s. */
    public double memBw() {
        return gpus * gpu.memBw();
    }

    /** Aggregated one-way network bandwidth, bytes/s. */
    public double netBw() {
        return gpus * gpu.netBwOneWay();
    }

    /** The ridge point in GEMM rows: a weight-streaming GEMM with this many rows is balanced (A100 FP16: 156). */
    public double ridgeRows() {
        return gpu.ridge() * 2.0 / bytesPerParam;
    }

    /**
     * One layer's cost of {@code kind} on the batch (the LM head: once for the whole model). GEMM bytes are the
     * (sharded) weights plus the input and output activations counted once, as Table 2 counts them.
     */
    public OpCost layerCost(OpKind kind, BatchMix b) {
        double s = bytesPerParam;
        double m = b.tokens();
        double d = model.hidden();
        double q = model.qWidth();
        double kv = model.kvWidth();
        double inter = model.intermediate();
        double k = model.topK();
        double e = model.experts();
        int n = gpus;
        return switch (kind) {
            case KQV -> new OpCost(2 * m * d * (q + 2 * kv), s * (d * (q + 2 * kv) + m * d + m * (q + 2 * kv)), 0);
            case O -> new OpCost(2 * m * q * d, s * (q * d + m * q + m * d), 0);
            case UG -> new OpCost(2 * m * d * 2 * inter * k,
                    s * (d * 2 * inter * expertsTouched(m) + m * d + m * 2 * inter * k), 0);
            case D -> new OpCost(2 * m * inter * d * k, s * (inter * d * expertsTouched(m) + m * inter * k + m * d), 0);
            case DEC_ATTN -> new OpCost(4 * q * b.decodeTokens() * b.decodeContext(),
                    s * (2 * kv * b.decodeTokens() * b.decodeContext() + b.decodeTokens() * (2 * q + 2 * kv)), 0);
            case PF_ATTN -> new OpCost(4 * q * b.prefillTokens() * b.prefillContext(),
                    s * b.prefillTokens() * (2 * q + 2 * kv), 0);
            case NET1, NET2 -> {
                // 2 AG + 1 AR per layer move 4 (N-1) B D S bytes in all (Table 2 uses N-1); half per collective point
                double bytes = 2 * (n - 1) * m * d * s;
                yield new OpCost((n - 1) * m * d, bytes, bytes);
            }
            case OTHER1, OTHER2 -> {
                // RMSNorm x2 (read+write D) and residual add x2 (read 2D, write D) run replicated on every GPU: 10 D
                // per GPU; RoPE on Q and K (read+write) and SiLU-multiply (read 2I, write I) are sharded.
                double perToken = 10 * d * n + 2 * (q + kv) + 3 * inter * k;
                yield new OpCost(0, s * m * perToken / 2, 0);
            }
            case LM_HEAD -> {
                double rows = lmHeadRows(b);
                double v = model.vocab();
                yield new OpCost(2 * rows * d * v, s * (d * v + rows * d + rows * v), (n - 1) * rows * v / n * s);
            }
        };
    }

    /** Rows that sample a token: every decode token and one per prompt that finishes (prefill tokens / p). */
    static double lmHeadRows(BatchMix b) {
        return b.decodeTokens() + (b.prefillContext() > 0 ? b.prefillTokens() / b.prefillContext() : 0);
    }

    private double expertsTouched(double tokens) {
        return Math.min(model.experts(), Math.max(1, tokens * model.topK()));
    }

    /** All layers' cost of a per-layer operation (the LM head: itself). */
    public OpCost modelCost(OpKind kind, BatchMix b) {
        OpCost c = layerCost(kind, b);
        return kind == OpKind.LM_HEAD ? c : c.times(model.layers());
    }

    /** Roofline seconds of a cost on the aggregated hardware: {compute, memory, network}. */
    public double[] rooflineSeconds(OpCost c) {
        return new double[]{c.flops() / compute(), c.memBytes() / memBw(), gpus > 1 ? c.netBytes() / netBw() : 0};
    }

    /** The bounding roofline time. */
    public double boundSeconds(OpCost c) {
        double[] t = rooflineSeconds(c);
        return Math.max(t[0], Math.max(t[1], t[2]));
    }

    /**
     * Seconds one layer's {@code kind} takes alone on the whole GPU: bounding roofline time / Table 2 efficiency,
     * times the rows-per-GEMM factor for projections (rows per expert for MoE experts).
     */
    public double soloSeconds(OpKind kind, BatchMix b) {
        if ((kind == OpKind.NET1 || kind == OpKind.NET2) && gpus == 1) {
            return 0;
        }
        double t = boundSeconds(layerCost(kind, b)) / KernelEfficiency.of(kind);
        if (kind.isGemm()) {
            double rows = b.tokens();
            if (kind == OpKind.LM_HEAD) {
                rows = lmHeadRows(b);
            } else if ((kind == OpKind.UG || kind == OpKind.D) && model.experts() > 1) {
                rows = rows * model.topK() / model.experts();
            }
            t *= KernelEfficiency.gemmRowsFactor(rows, ridgeRows());
        }
        return t;
    }
}

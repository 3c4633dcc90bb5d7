package io.mlsyslab.inference.nanoflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's closed forms (section 3): the Table 2 per-operation estimate, the optimal throughput of Eq. 5, the
 * memory-bound ratio T_R of Eq. 4 with the batch that fills memory (Fig. 3), and T_net / T_compute (Fig. 2).
 */
public final class ClosedForms {

    /**
     * The batch of Table 2 (its composition is not printed). Solved from the table's own attention cells: DecAttn's
     * 3665.9 GFLOP and 462.2 GB fix decode tokens x context and the per-token Q/K/V/O traffic (1344 tokens, mean
     * context 1040.5); the other 704 of the 2048 tokens are prefill, whose 916.3 GFLOP give a mean attended context
     * of 496.5 and whose 2.1 GB the table then matches (an independent check). Close to a 512/1024 steady state
     * (1365 decode tokens at context 1024).
     */
    public static final BatchMix TABLE2_MIX = new BatchMix(1344, 1040.5, 704, 496.5);

    /** The per-operation rows of Table 2, in its order (Net = both collectives). */
    public static final List<List<OpKind>> TABLE2_ROWS = List.of(List.of(OpKind.KQV), List.of(OpKind.O),
            List.of(OpKind.UG), List.of(OpKind.D), List.of(OpKind.DEC_ATTN), List.of(OpKind.PF_ATTN),
            List.of(OpKind.NET1, OpKind.NET2));

    private ClosedForms() {
    }

    /**
     * One row of the Table 2 estimate, over all layers and GPUs.
     *
     * @param op        Table 2's name
     * @param gflop     GFLOP
     * @param memGb     memory GB (1e9 bytes)
     * @param netGb     network GB
     * @param computeMs GFLOP / aggregated peak
     * @param memoryMs  GB / aggregated bandwidth, exact
     * @param networkMs network GB / aggregated one-way NVLink bandwidth, exact
     * @param memoryMsAsPrinted  the table's own arithmetic: GB rounded to the printed 0.1 first
     * @param networkMsAsPrinted the same for the network column
     */
    public record Table2Row(String op, double gflop, double memGb, double netGb, double computeMs, double memoryMs,
                            double networkMs, double memoryMsAsPrinted, double networkMsAsPrinted) {
    }

    /** Table 2 with totals as the last row ("Total"). */
    public static List<Table2Row> table2(CostModel cm, BatchMix mix) {
        List<Table2Row> rows = new ArrayList<>();
        double[] sum = new double[8];
        for (List<OpKind> kinds : TABLE2_ROWS) {
            OpCost c = OpCost.ZERO;
            for (OpKind k : kinds) {
                c = c.plus(cm.modelCost(k, mix));
            }
            double[] t = cm.rooflineSeconds(c);
            double gb = c.memBytes() / 1e9;
            double netGb = c.netBytes() / 1e9;
            double memPrinted = round1(gb) * 1e9 / cm.memBw();
            double netPrinted = cm.gpus() > 1 ? round1(netGb) * 1e9 / cm.netBw() : 0;
            Table2Row r = new Table2Row(kinds.getFirst().label(), c.flops() / 1e9, gb, netGb, t[0] * 1e3, t[1] * 1e3,
                    t[2] * 1e3, memPrinted * 1e3, netPrinted * 1e3);
            rows.add(r);
            double[] v = {r.gflop, r.memGb, r.netGb, r.computeMs, r.memoryMs, r.networkMs, r.memoryMsAsPrinted,
                    r.networkMsAsPrinted};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        rows.add(new Table2Row("Total", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7]));
        return rows;
    }

    private static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** Eq. 5: optimal throughput per GPU, Compute / (2 P), with the model's nominal parameter count. */
    public static double optimalTokensPerGpu(ModelConfig model, double flopsPerGpu) {
        return flopsPerGpu / (2 * model.nominalParams());
    }

    /**
     * The dense batch that fills memory (the digest's reconstruction of the paper's supplementary model):
     * N_req = (MemSize - P S) / (kvBytes/token (p + d/2)), B_dense = N_req (p + d) / d. Infinite for d = 0.
     */
    public static double memoryFilledDenseBatch(ModelConfig model, GpuProfile gpu, int gpus, int s, Workload w,
                                                double params) {
        double free = gpus * gpu.memBytes() - params * s;
        if (free <= 0) {
            return 0;
        }
        if (w.decode() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double requests = free / (model.kvBytesPerToken(s) * w.decodeContext());
        return requests * (w.prompt() + w.decode()) / w.decode();
    }

    /** Eq. 4 at the memory-filling batch: T_R = (Compute/MemBW) (MemSize/P) / (2 B_dense) (Fig. 3). */
    public static double memoryBoundRatio(ModelConfig model, GpuProfile gpu, int gpus, Workload w) {
        double b = memoryFilledDenseBatch(model, gpu, gpus, 2, w, model.nominalParams());
        return gpu.ridge() * (gpus * gpu.memBytes() / model.nominalParams()) / (2 * b);
    }

    /** Fig. 2: T_net / T_compute = 2 (N-1) D S L Compute / (P NetBW_oneway), per GPU. */
    public static double networkComputeRatio(ModelConfig model, GpuProfile gpu, int gpus) {
        return 2.0 * (gpus - 1) * model.hidden() * 2 * model.layers() * gpu.flops()
                / (model.nominalParams() * gpu.netBwOneWay());
    }
}

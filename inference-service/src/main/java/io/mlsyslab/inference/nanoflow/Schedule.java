package io.mlsyslab.inference.nanoflow;

/**
 * A nano-batch pipeline configuration: how many nano-batches the attention half (KQV, decode and prefill attention)
 * and the rest of the layer (O, collectives, element-wise ops, UG, D) are split into, whether operations of
 * different nano-batches overlap, and the GPU share R the memory-, element-wise- and network-bound operations are
 * launched with. Compute-bound operations (GEMMs, prefill attention) take the share the others leave, as the
 * paper's Stage II gives each GEMM nano-operation the R beside its concurrent operations (Fig. 6: O and UGD at
 * 0.8-0.9 next to collectives at 0.1-0.2, KQV next to decode attention).
 *
 * @param attentionNanoBatches nano-batches of KQV and attention
 * @param ffnNanoBatches       nano-batches of O, collectives, element-wise ops, UG and D
 * @param overlap              false: one operation at a time on the whole GPU
 * @param memoryShare          R of decode attention
 * @param elementwiseShare     R of the element-wise operations (norms, residual adds, RoPE, SiLU)
 * @param networkShare         R of the collectives
 */
public record Schedule(int attentionNanoBatches, int ffnNanoBatches, boolean overlap, double memoryShare,
                       double elementwiseShare, double networkShare) {

    /** One batch, every operation alone on the whole GPU: the paper's "non-overlap" baseline. */
    public static final Schedule SEQUENTIAL = new Schedule(1, 1, false, 1, 1, 1);

    public Schedule {
        if (attentionNanoBatches < 1 || ffnNanoBatches < 1) {
            throw new IllegalArgumentException("nanoBatches: must be >= 1");
        }
        for (double r : new double[]{memoryShare, elementwiseShare, networkShare}) {
            if (!(r > 0 && r <= 1 + 1e-9)) {
                throw new IllegalArgumentException("share: every share must be in (0, 1]");
            }
        }
    }

    /** The same nano-batches, one operation at a time on the whole GPU: the paper's "nano-batch only". */
    public Schedule withoutOverlap() {
        return new Schedule(attentionNanoBatches, ffnNanoBatches, false, 1, 1, 1);
    }

    /** The static share of a non-compute operation (compute operations: 1, they take what is left). */
    public double share(OpKind kind) {
        if (!overlap) {
            return 1;
        }
        return switch (kind) {
            case DEC_ATTN -> memoryShare;
            case OTHER1, OTHER2 -> elementwiseShare;
            case NET1, NET2 -> networkShare;
            default -> 1;
        };
    }
}

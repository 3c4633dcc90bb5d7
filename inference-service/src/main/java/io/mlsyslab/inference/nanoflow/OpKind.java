package io.mlsyslab.inference.nanoflow;

/**
 * The operations of one transformer layer (plus the LM head, once per iteration), the resource that bounds each,
 * and the CUDA stream NanoFlow runs it on.
 */
public enum OpKind {
    /** Fused Q, K, V projection (GEMM). */
    KQV("KQV", Resource.COMPUTE),
    /** Decode attention over the KV cache (GEMV-like, memory-bound). */
    DEC_ATTN("DecAttn", Resource.MEMORY),
    /** Prefill attention of the chunked prompts (compute-bound). */
    PF_ATTN("PfAttn", Resource.COMPUTE),
    /** Attention output projection (GEMM). */
    O("O", Resource.COMPUTE),
    /** Tensor-parallel collective after O (half of the layer's 2 AG + 1 AR bytes). */
    NET1("Net", Resource.NETWORK),
    /** Residual add and RMSNorm before the MLP (element-wise, memory-bound; not in Table 2). */
    OTHER1("Other", Resource.MEMORY),
    /** Up and gate projections (GEMM). */
    UG("UG", Resource.COMPUTE),
    /** Down projection (GEMM). */
    D("D", Resource.COMPUTE),
    /** Tensor-parallel collective after D (the other half). */
    NET2("Net", Resource.NETWORK),
    /** SiLU-multiply, residual add and the next layer's RMSNorm (element-wise, memory-bound; not in Table 2). */
    OTHER2("Other", Resource.MEMORY),
    /** The vocabulary projection, once per iteration for the rows that sample a token. */
    LM_HEAD("LMHead", Resource.COMPUTE);

    /** The resource an operation stresses, which decides its column of the interference table. */
    public enum Resource { COMPUTE, MEMORY, NETWORK }

    private final String label;
    private final Resource resource;

    OpKind(String label, Resource resource) {
        this.label = label;
        this.resource = resource;
    }

    /** Table 2's row name (the two halves of Net and of Other share one). */
    public String label() {
        return label;
    }

    public Resource resource() {
        return resource;
    }

    /** True for the dense projections whose efficiency depends on the rows per GEMM. */
    public boolean isGemm() {
        return this == KQV || this == O || this == UG || this == D || this == LM_HEAD;
    }
}

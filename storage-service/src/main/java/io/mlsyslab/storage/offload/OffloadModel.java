package io.mlsyslab.storage.offload;

/**
 * Analytic per-decode-step model of offloaded LLM inference at paper scale (InstAttention, HPCA 2025): DeepSpeed
 * ZeRO-Inference with the KV in host DRAM, FlexGen with the KV on an SSD, and InstInfer with attention inside one or
 * more computational drives, dense or SparF. Every equation is in docs/offload-model.md; the constants are in
 * {@link Hardware}.
 *
 * <p>Throughput = b x n / (T_prefill + sum over decode steps t = 0..n-2 of T_step(s_in + t)); step t attends over
 * s = s_in + t cached tokens, summed exactly (no averaging).
 */
public final class OffloadModel {

    private final ModelSpec m;
    private final Hardware hw;
    private final int input;
    private final int output;

    public OffloadModel(ModelSpec model, Hardware hardware, int inputTokens, int outputTokens) {
        if (inputTokens < 1) {
            throw new IllegalArgumentException("inputTokens: must be at least 1");
        }
        if (outputTokens < 1) {
            throw new IllegalArgumentException("outputTokens: must be at least 1");
        }
        this.m = model;
        this.hw = hardware;
        this.input = inputTokens;
        this.output = outputTokens;
    }

    public ModelSpec model() {
        return m;
    }

    public int maxContext() {
        return input + output;
    }

    // ---------------------------------------------------------------- GPU terms

    /** Decode GPU time of one layer (QKV, O, FFN): roofline of weight reads vs tensor FLOPs. */
    double gpuLayerSeconds(int b) {
        return Math.max(m.layerWeightBytes() / hw.gpuMemoryBandwidth(), 2.0 * m.layerParameters() * b / hw.gpuFlops());
    }

    /** Prefill GPU time: 2 P b s for the matmuls + 4 b s^2 h L for QK^T and PV. */
    double prefillGpuSeconds(int b) {
        double s = input;
        return (2.0 * m.parameters() * b * s + 4.0 * b * s * s * m.hidden() * m.layers()) / hw.gpuFlops();
    }

    /**
     * Peak activation bytes of one prefill layer with materialised attention: at the softmax x, Q, K, V
     * (4 b s h e) and two b H s^2 score tensors (bmm output and softmax output); in the FFN x, its output and the
     * inner tensors (2 b s h e + k b s f e). The larger of the two.
     */
    public double prefillPeakBytes(int b) {
        double s = input;
        double e = ModelSpec.BYTES;
        double attention = 4.0 * b * s * m.hidden() * e + 2.0 * b * m.heads() * s * s * e;
        double ffn = 2.0 * b * s * m.hidden() * e + (double) m.ffnTensors() * b * s * m.ffnWidth() * e;
        return Math.max(attention, ffn);
    }

    double weightsPerGpu() {
        return m.weightBytes() / m.gpus();
    }

    // ---------------------------------------------------------------- FlexGen (KV on the SSD)

    /**
     * FlexGen, policy {@code --percent 100 0 0 0 100 0} (weights and activations on the GPU, KV on disk), one GPU
     * batch of size b. Per layer: max(KV over disk->CPU->GPU, GPU compute incl. attention over the loaded KV,
     * new KV written to disk) -- FlexGen's overlapped schedule (Algorithm 1); disk->CPU and CPU->GPU of the same
     * chunk are serial (the released cost model's ctog + dtoc term).
     */
    public Estimate flexgen(int b) {
        String name = "flexgen";
        double gpuNeed = weightsPerGpu() + prefillPeakBytes(b);
        if (gpuNeed > hw.gpuUsableBytes()) {
            return Estimate.doesNotFit(name, b, "prefill needs " + gib(gpuNeed) + " GiB of GPU memory, "
                    + gib(hw.gpuUsableBytes()) + " usable");
        }
        double decodeNeed = weightsPerGpu() + 2.0 * b * maxContext() * m.kvBytesPerTokenLayer();
        if (decodeNeed > hw.gpuUsableBytes()) {
            return Estimate.doesNotFit(name, b, "decode buffers need " + gib(decodeNeed) + " GiB of GPU memory");
        }
        double disk = (double) b * maxContext() * m.kvBytesPerToken();
        if (disk > hw.ssdCapacityBytes()) {
            return Estimate.doesNotFit(name, b, "KV needs " + gb(disk) + " GB, the SSD holds " + gb(hw.ssdCapacityBytes()));
        }
        double prefill = Math.max(prefillGpuSeconds(b), b * (double) input * m.kvBytesPerToken() / hw.flexgenDiskWrite());
        double decode = 0;
        double kv = 0;
        for (int t = 0; t < output - 1; t++) {
            double s = input + t;
            double kvLayer = b * s * m.kvBytesPerTokenLayer();
            double load = kvLayer / hw.flexgenDiskRead() + kvLayer / hw.hostLinkEffective();
            double compute = gpuLayerSeconds(b) + kvLayer / hw.gpuMemoryBandwidth();
            double store = b * m.kvBytesPerTokenLayer() / hw.flexgenDiskWrite();
            double layer = Math.max(load, Math.max(compute, store));
            decode += m.layers() * layer;
            kv += m.layers() * Math.min(load, layer);
        }
        return Estimate.of(name, b, output, prefill, decode, kv, 0);
    }

    // ---------------------------------------------------------------- DeepSpeed ZeRO-Inference (KV in host DRAM)

    /**
     * DeepSpeed ZeRO-Inference as in DeepSpeedExamples' run_model.py: ZeRO-3 parameter offload to CPU (weights
     * pageable, {@code --pin-memory 0}), streamed to the GPU layer by layer with a prefetch bucket of 2h^2
     * parameters; KV offloaded to one pinned CPU buffer of 2 L b s_max h e bytes ({@code --pin_kv_cache}, which
     * PyTorch's caching host allocator rounds up to a power of two); attention computed on the CPU.
     */
    public Estimate deepspeed(int b) {
        String name = "deepspeed";
        double gpuNeed = 2.0 * m.layerWeightBytes() + prefillPeakBytes(b);
        if (gpuNeed > hw.gpuUsableBytes()) {
            return Estimate.doesNotFit(name, b, "prefill needs " + gib(gpuNeed) + " GiB of GPU memory, "
                    + gib(hw.gpuUsableBytes()) + " usable");
        }
        double kvBuffer = powerOfTwoCeil((double) b * maxContext() * m.kvBytesPerToken());
        double pinnedLimit = hw.hostMemoryBytes() - hw.hostReservedBytes();
        if (kvBuffer > pinnedLimit) {
            return Estimate.doesNotFit(name, b, "the pinned KV buffer (" + gib(kvBuffer) + " GiB) exceeds host memory");
        }
        // pageable weights that do not fit next to the pinned KV buffer are re-read from swap every step
        double spill = Math.max(0, m.weightBytes() + kvBuffer + hw.hostReservedBytes() - hw.hostMemoryBytes());
        double swapSeconds = spill / hw.swapInBandwidth();
        double link = hw.hostLinkEffective();
        double prefetched = Math.min(1.0, 2.0 * m.hidden() * (double) m.hidden() / m.layerParameters());
        double weightLayer = m.layerWeightBytes() / link;
        double prefill = m.weightBytes() / link + swapSeconds + prefillGpuSeconds(b)
                + b * (double) input * m.kvBytesPerToken() / link;
        double decode = 0;
        double kv = 0;
        for (int t = 0; t < output - 1; t++) {
            double s = input + t;
            double cpuAttention = 4.0 * b * s * m.hidden() / hw.hostAttentionFlops();
            double qkvo = 4.0 * b * m.hidden() * ModelSpec.BYTES / link;
            double compute = gpuLayerSeconds(b) + cpuAttention + qkvo;
            double layer = (1 - prefetched) * weightLayer + Math.max(prefetched * weightLayer, compute);
            decode += m.layers() * layer + swapSeconds;
            kv += m.layers() * cpuAttention;
        }
        return Estimate.of(name, b, output, prefill, decode, kv, spill);
    }

    // ---------------------------------------------------------------- InstInfer (attention in the drives)

    /**
     * InstInfer with {@code drives} computational drives, heads split ceil(H/n) per drive. Per layer and step the
     * chain is serial: GPU QKV/O/FFN, P2P q,k,v down and o up over the drive's x4 link, in-drive attention
     * (flash reads at channel bandwidth + softmax cycles on the engine), host command handling. Prefill runs in
     * micro-batches that fit next to the weights, each layer's KV streamed to the drives (layer-wise streaming).
     *
     * @param sparsity null for dense; SparF's compression ratio r (e.g. 0.125) otherwise
     */
    public Estimate instinfer(int b, int drives, Double sparsity) {
        if (drives < 1) {
            throw new IllegalArgumentException("drives: must be at least 1");
        }
        if (sparsity != null && !(sparsity > 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsityRatio: must be in (0, 1]");
        }
        String name = (sparsity == null ? "instinfer-" : "instinfer-sparf-") + drives;
        if (instinferPrefillMicroBatch(b) < 1) {
            return Estimate.doesNotFit(name, b, "not even one sequence's prefill fits in GPU memory");
        }
        double perDrive = (double) b * maxContext() * m.kvBytesPerToken() * hw.kCopyFactor() / drives;
        if (perDrive > hw.csdCapacityBytes()) {
            return Estimate.doesNotFit(name, b, "KV needs " + gb(perDrive) + " GB per drive, a drive holds "
                    + gb(hw.csdCapacityBytes()));
        }
        int headsPerDrive = (m.heads() + drives - 1) / drives;
        double e = ModelSpec.BYTES;
        double d = m.headDim();
        double prefill = Math.max(prefillGpuSeconds(b), b * (double) input * m.kvBytesPerToken() * hw.kCopyFactor()
                / (drives * hw.csdPrefillWriteBandwidth()));
        double flashFraction = sparsity == null ? 1.0 : 1.0 - (1.0 - sparsity) / 2.0;
        double scoreCycles = hw.softmaxCyclesPerScore() * (sparsity == null ? 1.0 : 1.0 + sparsity / 2.0);
        double internal = hw.csdInternalBandwidth();
        double fixed = gpuLayerSeconds(b) + 4.0 * b * headsPerDrive * d * e / hw.csdLinkBandwidth()
                + 3.0 * b * headsPerDrive * d * e / internal + (double) b * drives * hw.hostCommandSeconds();
        double decode = 0;
        double kv = 0;
        for (int t = 0; t < output - 1; t++) {
            double s = input + t;
            double flash = flashFraction * 2.0 * b * s * headsPerDrive * d * e / internal;
            double softmax = scoreCycles * b * s * headsPerDrive / hw.csdClockHz();
            decode += m.layers() * (fixed + flash + softmax);
            kv += m.layers() * flash;
        }
        return Estimate.of(name, b, output, prefill, decode, kv, 0);
    }

    /** Largest prefill micro-batch (a power-of-two fraction of b) that fits next to the weights, or 0. */
    public int instinferPrefillMicroBatch(int b) {
        int micro = b;
        while (micro >= 1 && weightsPerGpu() + prefillPeakBytes(micro) > hw.gpuUsableBytes()) {
            micro /= 2;
        }
        return Math.max(micro, 0);
    }

    /** Prefill KV written per layer: b s_in 2 h e (Table III: 1.34 GB for OPT-13B at b=64). */
    public double prefillKvBytesPerLayer(int b) {
        return (double) b * input * m.kvBytesPerTokenLayer();
    }

    static double powerOfTwoCeil(double bytes) {
        double p = 1;
        while (p < bytes) {
            p *= 2;
        }
        return p;
    }

    private static String gib(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1L << 30));
    }

    private static String gb(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1e9);
    }
}

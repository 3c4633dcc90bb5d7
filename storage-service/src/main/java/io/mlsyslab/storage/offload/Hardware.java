package io.mlsyslab.storage.offload;

/**
 * Every hardware and software constant of the offload model. {@link #paper()} gives the values of the paper's
 * testbed; docs/offload-model.md lists each with its source.
 *
 * @param gpuMemoryBytes          RTX A6000 memory (49,140 MiB as reported by nvidia-smi; datasheet "48 GB")
 * @param gpuReservedBytes        CUDA context and cuBLAS workspace (our assumption: 1 GiB)
 * @param gpuMemoryBandwidth      A6000 GDDR6 bandwidth, 768 GB/s (datasheet)
 * @param gpuFlops                A6000 dense FP16 tensor peak, 154.8 TFLOPS (datasheet 309.7 with sparsity)
 * @param hostLinkBandwidth       GPU PCIe 4.0 x16 host link, 32 GB/s (digest §3.1)
 * @param hostLinkEfficiency      achieved/nominal host-to-GPU copy rate: FlexGen's fitted ctog 12.89 GB/s on a
 *                                16 GB/s PCIe 3.0 x16 link (digest §2.5)
 * @param hostMemoryBytes         host DRAM, 96 GB (digest §3.1)
 * @param hostReservedBytes       host memory used by the OS and the Python runtime (our assumption: 4 GB)
 * @param hostAttentionFlops      CPU attention rate, FlexGen's fitted cpu_flops 0.0123 TFLOPS (digest §2.5)
 * @param ssdReadBandwidth        Samsung 980 PRO 2 TB sequential read, 7.0 GB/s (datasheet)
 * @param ssdWriteBandwidth       980 PRO 2 TB sequential write, 5.1 GB/s (datasheet)
 * @param ssdRandomReadIops       980 PRO 4 KiB random read at queue depth 1, 22,000 IOPS (datasheet)
 * @param ssdCapacityBytes        980 PRO capacity, 2 TB
 * @param flexgenReadEfficiency   FlexGen's disk-to-CPU path: fitted dtoc 0.473 GB/s over the ~2 GB/s raw NVMe
 *                                read of its testbed (digest §2.5, §3.3)
 * @param flexgenWriteEfficiency  FlexGen's CPU-to-disk path: fitted ctod 0.746 GB/s over ~1 GB/s raw write
 * @param csdChannels             flash channels per computational drive, 8 (digest §3.1)
 * @param csdChannelBandwidth     per-channel flash bandwidth, 1.4 GB/s (digest §3.1)
 * @param csdLinkBandwidth        drive's PCIe 4.0 x4 link, 7 GB/s (digest §3.1)
 * @param csdClockHz              in-storage attention engine clock, 285 MHz (digest §3.1, Daisyplus)
 * @param softmaxCyclesPerScore   engine cycles per attention score: a two-pass safe softmax (max pass, exp-sum
 *                                pass), one score per cycle per pass (our assumption)
 * @param csdPrefillWriteBandwidth prefill KV write rate into one drive, 3.78 GB/s (Table III)
 * @param csdCapacityBytes        drive capacity, 2 TB (digest §2.2 endurance example)
 * @param kCopyFactor             flash footprint of K+V over K+V: K is stored twice (token- and channel-indexed),
 *                                (2+1)/2 = 1.5 (digest §2.4)
 * @param hostCommandSeconds      host control-plane time per attend() command (submission + completion,
 *                                one host thread; our assumption: 10 µs)
 */
public record Hardware(double gpuMemoryBytes, double gpuReservedBytes, double gpuMemoryBandwidth, double gpuFlops,
                       double hostLinkBandwidth, double hostLinkEfficiency, double hostMemoryBytes,
                       double hostReservedBytes, double hostAttentionFlops, double ssdReadBandwidth,
                       double ssdWriteBandwidth, double ssdRandomReadIops, double ssdCapacityBytes,
                       double flexgenReadEfficiency, double flexgenWriteEfficiency, int csdChannels,
                       double csdChannelBandwidth, double csdLinkBandwidth, double csdClockHz,
                       double softmaxCyclesPerScore, double csdPrefillWriteBandwidth, double csdCapacityBytes,
                       double kCopyFactor, double hostCommandSeconds) {

    /** Linux swaps in one 4 KiB page per fault. */
    public static final double PAGE_BYTES = 4096;

    public static Hardware paper() {
        return new Hardware(49140.0 * (1 << 20), 1.0 * (1 << 30), 768e9, 154.8e12,
                32e9, 12.89 / 16.0, 96e9, 4e9, 0.0123e12,
                7.0e9, 5.1e9, 22_000, 2e12,
                0.473 / 2.0, 0.746 / 1.0,
                8, 1.4e9, 7e9, 285e6, 2.0, 3.78e9, 2e12, 1.5, 10e-6);
    }

    public double gpuUsableBytes() {
        return gpuMemoryBytes - gpuReservedBytes;
    }

    /** Achieved host-to-GPU (and GPU-to-host) copy rate. */
    public double hostLinkEffective() {
        return hostLinkBandwidth * hostLinkEfficiency;
    }

    /** Internal flash bandwidth of one drive: channels x per-channel rate (11.2 GB/s). */
    public double csdInternalBandwidth() {
        return csdChannels * csdChannelBandwidth;
    }

    /** FlexGen's achieved disk-to-CPU rate on the 980 PRO. */
    public double flexgenDiskRead() {
        return ssdReadBandwidth * flexgenReadEfficiency;
    }

    /** FlexGen's achieved CPU-to-disk rate on the 980 PRO. */
    public double flexgenDiskWrite() {
        return ssdWriteBandwidth * flexgenWriteEfficiency;
    }

    /** Swap-in rate: one 4 KiB page per fault at queue depth 1. */
    public double swapInBandwidth() {
        return ssdRandomReadIops * PAGE_BYTES;
    }
}

package io.mlsyslab.storage.offload;

/**
 * One system at one batch size. When the configuration does not fit ({@code fits == false}) nothing is computed and
 * {@code reason} says which capacity was exceeded.
 *
 * @param system          series name, e.g. {@code flexgen}, {@code instinfer-2}, {@code instinfer-sparf-1}
 * @param batch           batch size b
 * @param fits            whether the configuration fits every memory and capacity limit
 * @param reason          why it does not fit (null when it fits)
 * @param tokensPerSecond generated tokens / (prefill + decode time); null when it does not fit
 * @param prefillSeconds  prefill time
 * @param decodeSeconds   time of all decode steps
 * @param kvAccessShare   fraction of decode time spent moving or reading KV (Figs. 18/19 quantity)
 * @param swapBytesPerStep bytes read back from swap in each decode step (DeepSpeed only; 0 otherwise)
 */
public record Estimate(String system, int batch, boolean fits, String reason, Double tokensPerSecond,
                       Double prefillSeconds, Double decodeSeconds, Double kvAccessShare, double swapBytesPerStep) {

    static Estimate doesNotFit(String system, int batch, String reason) {
        return new Estimate(system, batch, false, reason, null, null, null, null, 0);
    }

    static Estimate of(String system, int batch, int outputTokens, double prefill, double decode, double kvSeconds,
                       double swapBytes) {
        return new Estimate(system, batch, true, null, (double) batch * outputTokens / (prefill + decode), prefill,
                decode, decode > 0 ? kvSeconds / decode : null, swapBytes);
    }
}

package io.mlsyslab.storage.offload;

import java.util.List;

/**
 * A decoder-only transformer at paper scale, FP16 (2 bytes per value).
 *
 * @param name          wire name
 * @param layers        transformer blocks L
 * @param hidden        model width h
 * @param heads         attention heads H (all three models have as many KV heads as query heads)
 * @param headDim       d = h / H
 * @param ffnWidth      FFN inner width f
 * @param ffnTensors    FFN inner tensors live at once (1 for OPT's fc1, 2 for Llama's gate and up projections)
 * @param parameters    parameter count P
 * @param gpus          RTX A6000 cards holding the weights (OPT-30B runs on two, digest §3.1)
 * @param paperInput    input length the paper used for this model (digest §3.1)
 * @param paperOutput   output length the paper used for this model
 */
public record ModelSpec(String name, int layers, int hidden, int heads, int headDim, int ffnWidth, int ffnTensors,
                        double parameters, int gpus, int paperInput, int paperOutput) {

    /** FP16 bytes per value. */
    public static final int BYTES = 2;

    /** facebook/opt-13b config: 40 layers, h 5120, 40 heads, ffn 20480; 12.85e9 parameters. */
    public static final ModelSpec OPT_13B = new ModelSpec("opt-13b", 40, 5120, 40, 128, 20480, 1, 12.85e9, 1,
            1024, 1024);
    /** facebook/opt-30b config: 48 layers, h 7168, 56 heads, ffn 28672; 29.97e9 parameters; two A6000. */
    public static final ModelSpec OPT_30B = new ModelSpec("opt-30b", 48, 7168, 56, 128, 28672, 1, 29.97e9, 2,
            1024, 1024);
    /** meta-llama/Llama-2-13b config: 40 layers, h 5120, 40 heads, ffn 13824 (SwiGLU); 13.02e9 parameters. */
    public static final ModelSpec LLAMA_2_13B = new ModelSpec("llama-2-13b", 40, 5120, 40, 128, 13824, 2, 13.02e9,
            1, 2048, 2048);

    public static final List<ModelSpec> ALL = List.of(OPT_13B, OPT_30B, LLAMA_2_13B);

    public static ModelSpec byName(String field, String name) {
        for (ModelSpec m : ALL) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(field + ": unknown model '" + name + "', expected one of "
                + ALL.stream().map(ModelSpec::name).toList());
    }

    /** FP16 weight bytes W = 2 P. */
    public double weightBytes() {
        return parameters * BYTES;
    }

    /** KV bytes of one token over all layers: kappa = 2 L H d e (digest §2.2). */
    public double kvBytesPerToken() {
        return 2.0 * layers * heads * headDim * BYTES;
    }

    /** KV bytes of one token in one layer: 2 H d e. */
    public double kvBytesPerTokenLayer() {
        return 2.0 * heads * headDim * BYTES;
    }

    public double layerWeightBytes() {
        return weightBytes() / layers;
    }

    public double layerParameters() {
        return parameters / layers;
    }
}

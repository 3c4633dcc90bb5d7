package io.mlsyslab.nn.model;

import java.util.SplittableRandom;

/**
 * A GPT-2-architecture model: configuration plus parameters in one flat vector with Hugging Face tensor names.
 * The language-model head is tied to {@code wte.weight}. The model itself is only state; the training pass
 * ({@code io.mlsyslab.nn.train}) and the decoder ({@code io.mlsyslab.nn.decode}) read it.
 */
public final class Gpt2Model {
    /** Offsets of one block's tensors in the flat parameter vector. */
    public record LayerOffsets(int ln1w, int ln1b, int attnW, int attnB, int projW, int projB,
                               int ln2w, int ln2b, int fcW, int fcB, int fcProjW, int fcProjB) {
    }

    private final GptConfig config;
    private final NamedTensors params;
    private final LayerOffsets[] layers;
    private final int wte, wpe, lnfW, lnfB;

    /** Wraps parameters that follow {@link ParameterLayout#gpt2(GptConfig)} for this config. */
    public Gpt2Model(GptConfig config, NamedTensors params) {
        this.config = config;
        ParameterLayout layout = params.layout();
        if (layout.size() != ParameterLayout.gpt2(config).size()) {
            throw new IllegalArgumentException("params: layout does not match config " + config);
        }
        this.params = params;
        this.layers = new LayerOffsets[config.nLayer()];
        for (int l = 0; l < config.nLayer(); l++) {
            String p = "h." + l + ".";
            layers[l] = new LayerOffsets(layout.offset(p + "ln_1.weight"), layout.offset(p + "ln_1.bias"),
                    layout.offset(p + "attn.c_attn.weight"), layout.offset(p + "attn.c_attn.bias"),
                    layout.offset(p + "attn.c_proj.weight"), layout.offset(p + "attn.c_proj.bias"),
                    layout.offset(p + "ln_2.weight"), layout.offset(p + "ln_2.bias"),
                    layout.offset(p + "mlp.c_fc.weight"), layout.offset(p + "mlp.c_fc.bias"),
                    layout.offset(p + "mlp.c_proj.weight"), layout.offset(p + "mlp.c_proj.bias"));
        }
        this.wte = layout.offset("wte.weight");
        this.wpe = layout.offset("wpe.weight");
        this.lnfW = layout.offset("ln_f.weight");
        this.lnfB = layout.offset("ln_f.bias");
    }

    /**
     * A freshly initialised model, seeded, following GPT-2 / Hugging Face: linear and embedding weights
     * ~ N(0, 0.02), residual projections ({@code attn.c_proj}, {@code mlp.c_proj}) ~ N(0, 0.02 / sqrt(2 n_layer)),
     * biases 0, LayerNorm weights 1.
     */
    public static Gpt2Model initialize(GptConfig config, long seed) {
        ParameterLayout layout = ParameterLayout.gpt2(config);
        NamedTensors p = new NamedTensors(layout);
        SplittableRandom random = new SplittableRandom(seed);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.nLayer());
        float[] d = p.data();
        for (TensorSpec s : layout.tensors()) {
            String n = s.name();
            if (n.endsWith(".bias")) {
                continue;
            }
            if (n.contains("ln_")) {
                java.util.Arrays.fill(d, s.offset(), s.offset() + s.size(), 1f);
                continue;
            }
            double std = n.endsWith("c_proj.weight") ? residualStd : 0.02;
            for (int i = 0; i < s.size(); i++) {
                d[s.offset() + i] = (float) (random.nextGaussian() * std);
            }
        }
        return new Gpt2Model(config, p);
    }

    /** Hyper-parameters. */
    public GptConfig config() {
        return config;
    }

    /** Parameters, as a flat vector and as named tensors. */
    public NamedTensors params() {
        return params;
    }

    /** Offsets of block {@code l}'s tensors. */
    public LayerOffsets layer(int l) {
        return layers[l];
    }

    /** Offset of {@code wte.weight} ({@code [vocab, n_embd]}, also the LM head). */
    public int wteOffset() {
        return wte;
    }

    /** Offset of {@code wpe.weight} ({@code [n_positions, n_embd]}). */
    public int wpeOffset() {
        return wpe;
    }

    /** Offset of {@code ln_f.weight}. */
    public int lnfWeightOffset() {
        return lnfW;
    }

    /** Offset of {@code ln_f.bias}. */
    public int lnfBiasOffset() {
        return lnfB;
    }
}

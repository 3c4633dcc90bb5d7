package io.mlsyslab.inference.nanoflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoder-only transformer's architecture, from its public Hugging Face {@code config.json} (sources in
 * {@code docs/nanoflow-model.md}).
 *
 * @param name          catalog name
 * @param layers        {@code num_hidden_layers}
 * @param hidden        {@code hidden_size} (D)
 * @param heads         {@code num_attention_heads}
 * @param kvHeads       {@code num_key_value_heads}
 * @param intermediate  {@code intermediate_size} (per expert for MoE)
 * @param vocab         {@code vocab_size}
 * @param experts       {@code num_local_experts} (1 for dense models)
 * @param topK          {@code num_experts_per_tok} (1 for dense models)
 * @param nominalParams the parameter count the paper divides by in Eq. 5 (its name: 70e9 for LLaMA-2-70B; active
 *                      parameters for Mixtral)
 */
public record ModelConfig(String name, int layers, int hidden, int heads, int kvHeads, int intermediate, int vocab,
                          int experts, int topK, double nominalParams) {

    public static final ModelConfig LLAMA2_70B = new ModelConfig("llama-2-70b", 80, 8192, 64, 8, 28672, 32000, 1, 1,
            70e9);
    public static final ModelConfig LLAMA3_70B = new ModelConfig("llama-3-70b", 80, 8192, 64, 8, 28672, 128256, 1,
            1, 70e9);
    public static final ModelConfig LLAMA3_8B = new ModelConfig("llama-3-8b", 32, 4096, 32, 8, 14336, 128256, 1, 1,
            8e9);
    public static final ModelConfig QWEN2_72B = new ModelConfig("qwen2-72b", 80, 8192, 64, 8, 29568, 152064, 1, 1,
            72e9);
    public static final ModelConfig DEEPSEEK_67B = new ModelConfig("deepseek-67b", 95, 8192, 64, 8, 22016, 102400, 1,
            1, 67e9);
    public static final ModelConfig MIXTRAL_8X7B = new ModelConfig("mixtral-8x7b", 32, 4096, 32, 8, 14336, 32000, 8,
            2, 12.9e9);

    /** The regular expression of catalog names, for request validation. */
    public static final String NAMES = "llama-2-70b|llama-3-70b|llama-3-8b|qwen2-72b|deepseek-67b|mixtral-8x7b";

    private static final Map<String, ModelConfig> CATALOG = new LinkedHashMap<>();

    /** The catalog names. */
    public static final Set<String> NAMES_SET = Set.of(NAMES.split("\\|"));

    static {
        for (ModelConfig m : List.of(LLAMA2_70B, LLAMA3_70B, LLAMA3_8B, QWEN2_72B, DEEPSEEK_67B, MIXTRAL_8X7B)) {
            CATALOG.put(m.name(), m);
        }
    }

    public ModelConfig {
        if (layers < 1 || hidden < 1 || heads < 1 || kvHeads < 1 || intermediate < 1 || vocab < 1) {
            throw new IllegalArgumentException("model: every dimension must be positive");
        }
        if (heads % kvHeads != 0 || hidden % heads != 0) {
            throw new IllegalArgumentException("model: heads must divide hidden and kvHeads must divide heads");
        }
        if (experts < 1 || topK < 1 || topK > experts || !(nominalParams > 0)) {
            throw new IllegalArgumentException("model: need 1 <= topK <= experts and a positive nominal size");
        }
    }

    public static ModelConfig named(String name) {
        ModelConfig m = CATALOG.get(name);
        if (m == null) {
            throw new IllegalArgumentException("model: unknown model '" + name + "', known: " + CATALOG.keySet());
        }
        return m;
    }

    public int headDim() {
        return hidden / heads;
    }

    /** Width of the query projection, heads x headDim. */
    public long qWidth() {
        return (long) heads * headDim();
    }

    /** Width of one of K or V, kvHeads x headDim. */
    public long kvWidth() {
        return (long) kvHeads * headDim();
    }

    /** Parameters of one layer's attention projections (Q, K, V, O), no biases. */
    public double attentionParamsPerLayer() {
        return (double) hidden * (qWidth() + 2 * kvWidth()) + (double) qWidth() * hidden;
    }

    /** Parameters of one layer's gated MLP over all experts (up, gate, down) plus the router. */
    public double mlpParamsPerLayer() {
        double router = experts > 1 ? (double) hidden * experts : 0;
        return 3.0 * hidden * intermediate * experts + router;
    }

    /** Every stored parameter: layers, two RMSNorms per layer, final norm, untied embedding and LM head. */
    public double totalParams() {
        return layers * (attentionParamsPerLayer() + mlpParamsPerLayer() + 2.0 * hidden) + hidden
                + 2.0 * vocab * hidden;
    }

    /** Parameters one token multiplies with: only topK experts of the MLP. */
    public double activeParams() {
        double mlpActive = 3.0 * hidden * intermediate * topK;
        return layers * (attentionParamsPerLayer() + mlpActive + 2.0 * hidden) + hidden + 2.0 * vocab * hidden;
    }

    /** KV-cache bytes per token over all layers: 2 (K and V) x L x kvHeads x headDim x bytes. */
    public double kvBytesPerToken(int bytesPerParam) {
        return 2.0 * layers * kvWidth() * bytesPerParam;
    }
}

package io.mlsyslab.nn.model;

import io.mlsyslab.nn.safetensors.DType;
import io.mlsyslab.nn.safetensors.SafeTensors;
import io.mlsyslab.nn.safetensors.SafeTensorsWriter;
import io.mlsyslab.nn.safetensors.TensorEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Loads and saves GPT-2 models in the Hugging Face layout: a directory with {@code config.json} and
 * {@code model.safetensors}. Tensor names may carry the {@code transformer.} prefix that
 * {@code GPT2LMHeadModel} checkpoints use; the causal-mask buffers ({@code attn.bias}, {@code attn.masked_bias})
 * and the tied {@code lm_head.weight} are skipped. F32, F16 and BF16 tensors are widened to fp32.
 */
public final class Gpt2Checkpoint {
    /** Name of the configuration file inside a checkpoint directory. */
    public static final String CONFIG_FILE = "config.json";
    /** Name of the weights file inside a checkpoint directory. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    private Gpt2Checkpoint() {
    }

    /** Loads {@code dir/config.json} and {@code dir/model.safetensors}. */
    public static Gpt2Model load(Path dir) {
        GptConfig config;
        try {
            config = GptConfig.fromJson(Files.readString(dir.resolve(CONFIG_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("config: cannot read " + dir.resolve(CONFIG_FILE), e);
        }
        try (SafeTensors st = SafeTensors.open(dir.resolve(WEIGHTS_FILE))) {
            return fromSafeTensors(config, st);
        }
    }

    /** Builds a model from already-opened weights, checking that every tensor is present with the right shape. */
    public static Gpt2Model fromSafeTensors(GptConfig config, SafeTensors st) {
        ParameterLayout layout = ParameterLayout.gpt2(config);
        NamedTensors params = new NamedTensors(layout);
        Set<String> used = new HashSet<>();
        for (TensorSpec spec : layout.tensors()) {
            String stored = st.entry(spec.name()) != null ? spec.name()
                    : st.entry("transformer." + spec.name()) != null ? "transformer." + spec.name() : null;
            if (stored == null) {
                throw new IllegalArgumentException(spec.name() + ": missing from checkpoint");
            }
            TensorEntry e = st.entry(stored);
            if (!Arrays.equals(e.shape(), spec.shape())) {
                throw new IllegalArgumentException(spec.name() + ": shape " + Arrays.toString(e.shape())
                        + " in checkpoint, config needs " + Arrays.toString(spec.shape()));
            }
            System.arraycopy(st.floats(stored), 0, params.data(), spec.offset(), spec.size());
            used.add(stored);
        }
        for (String name : st.names()) {
            String n = name.startsWith("transformer.") ? name.substring("transformer.".length()) : name;
            boolean buffer = n.endsWith(".attn.bias") || n.endsWith(".attn.masked_bias") || n.equals("lm_head.weight");
            if (!used.contains(name) && !buffer) {
                throw new IllegalArgumentException(name + ": unexpected tensor for a GPT-2 checkpoint");
            }
        }
        return new Gpt2Model(config, params);
    }

    /** Writes {@code dir/config.json} and {@code dir/model.safetensors} with tensors stored as {@code dtype}. */
    public static void save(Gpt2Model model, Path dir, DType dtype) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CONFIG_FILE), model.config().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("dir: cannot write " + dir, e);
        }
        toWriter(model.params(), dtype).metadata("format", "pt").write(dir.resolve(WEIGHTS_FILE));
    }

    /** A writer holding every tensor of {@code tensors} under its layout name. */
    public static SafeTensorsWriter toWriter(NamedTensors tensors, DType dtype) {
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (TensorSpec s : tensors.layout().tensors()) {
            w.add(s.name(), dtype, s.shape(), tensors.tensor(s.name()).toArray());
        }
        return w;
    }
}

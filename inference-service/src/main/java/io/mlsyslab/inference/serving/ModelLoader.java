package io.mlsyslab.inference.serving;

import io.mlsyslab.nn.model.Gpt2Checkpoint;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.safetensors.SafeTensors;
import io.mlsyslab.nn.tokenizer.CharTokenizer;
import io.mlsyslab.nn.tokenizer.Gpt2BpeTokenizer;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link ModelUpload} into a {@link LoadedModel}, checking everything: a problem is an
 * {@code IllegalArgumentException("field: message")} whose field names the part and, where known, the config key
 * ({@code config.n_embd}) or tensor ({@code weights.h.0.attn.c_attn.weight}).
 */
public final class ModelLoader {
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z0-9_.\\[\\]-]+): (.*)$", Pattern.DOTALL);
    private static final Map<String, String> CONFIG_KEYS = Map.of("vocabSize", "vocab_size", "nPositions",
            "n_positions", "nEmbd", "n_embd", "nLayer", "n_layer", "nHead", "n_head", "layerNormEpsilon",
            "layer_norm_epsilon");
    /** The end-of-text token of GPT-2's vocabulary. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private ModelLoader() {
    }

    /** Parses and validates all parts. */
    public static LoadedModel load(String id, ModelUpload up) {
        if (up.config() == null) {
            throw new IllegalArgumentException("config: part is required");
        }
        if (up.weights() == null) {
            throw new IllegalArgumentException("weights: part is required");
        }
        GptConfig config;
        try {
            config = GptConfig.fromJson(new String(up.config(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw rename("config", e, CONFIG_KEYS);
        }
        Gpt2Model model;
        try {
            model = Gpt2Checkpoint.fromSafeTensors(config, SafeTensors.fromBytes(up.weights()));
        } catch (RuntimeException e) {
            throw rename("weights", e, Map.of());
        }
        if ((up.vocab() == null) != (up.merges() == null)) {
            throw new IllegalArgumentException((up.vocab() == null ? "vocab" : "merges")
                    + ": vocab and merges come together");
        }
        if (up.vocab() != null && up.charTokenizer() != null) {
            throw new IllegalArgumentException("tokenizer: give either vocab + merges or tokenizer, not both");
        }
        Tokenizer tokenizer = null;
        String kind = "none";
        int eos = -1;
        if (up.vocab() != null) {
            try {
                tokenizer = new Gpt2BpeTokenizer(new String(up.vocab(), StandardCharsets.UTF_8),
                        new String(up.merges(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw rename("vocab", e, Map.of());
            }
            kind = "gpt2-bpe";
            eos = endOfText(tokenizer);
        } else if (up.charTokenizer() != null) {
            try {
                tokenizer = CharTokenizer.fromJson(new String(up.charTokenizer(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw rename("tokenizer", e, Map.of());
            }
            kind = "char";
        }
        if (tokenizer != null && tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException((up.vocab() != null ? "vocab" : "tokenizer") + ": "
                    + tokenizer.vocabSize() + " tokens, more than the model's vocab_size " + config.vocabSize());
        }
        return new LoadedModel(id, model, tokenizer, kind, eos);
    }

    /**
     * The id of {@code <|endoftext|>} when the vocabulary holds it (GPT-2 keeps it last, 50256), else -1. nn-core's
     * BPE has no special tokens, so the id is found by decoding the vocabulary's last entries.
     */
    private static int endOfText(Tokenizer t) {
        for (int id = t.vocabSize() - 1; id >= Math.max(0, t.vocabSize() - 4); id--) {
            if (END_OF_TEXT.equals(t.decode(new int[]{id}))) {
                return id;
            }
        }
        return -1;
    }

    private static IllegalArgumentException rename(String part, RuntimeException e, Map<String, String> keys) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = FIELD.matcher(msg);
        if (m.matches()) {
            String f = keys.getOrDefault(m.group(1), m.group(1));
            return new IllegalArgumentException(part + "." + f + ": " + m.group(2), e);
        }
        return new IllegalArgumentException(part + ": " + msg, e);
    }
}

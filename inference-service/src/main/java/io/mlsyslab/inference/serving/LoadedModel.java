package io.mlsyslab.inference.serving;

import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.tokenizer.Tokenizer;

/**
 * A model ready to serve.
 *
 * @param id            the registry name
 * @param model         weights
 * @param tokenizer     tokenizer, or null (token ids only)
 * @param tokenizerKind {@code gpt2-bpe}, {@code char}, {@code byte} or {@code none}
 * @param eosToken      end-of-text token id ({@code <|endoftext|>} in a BPE vocabulary), or -1
 */
public record LoadedModel(String id, Gpt2Model model, Tokenizer tokenizer, String tokenizerKind, int eosToken) {
}

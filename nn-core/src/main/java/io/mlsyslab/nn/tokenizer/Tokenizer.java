package io.mlsyslab.nn.tokenizer;

import java.nio.charset.StandardCharsets;

/** Maps text to token ids and back. */
public interface Tokenizer {
    /** Token ids of {@code text}. */
    int[] encode(String text);

    /** Text of {@code ids}. */
    String decode(int[] ids);

    /** Number of distinct ids ({@code 0 .. vocabSize()-1}). */
    int vocabSize();

    /**
     * The exact bytes that token {@code id} contributes to the output: decoding a sequence is the UTF-8 decoding of
     * its tokens' bytes concatenated. A byte-level tokenizer's token may be a partial UTF-8 sequence, which a
     * {@link #decode} of the token alone cannot show; constrained decoding needs the bytes. The default (UTF-8 of
     * the token decoded alone) is exact only for tokenizers whose tokens are whole characters.
     */
    default byte[] tokenBytes(int id) {
        return decode(new int[]{id}).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code id} is a control token (e.g. {@code <|endoftext|>}) rather than text: never output content. */
    default boolean isSpecial(int id) {
        return false;
    }
}

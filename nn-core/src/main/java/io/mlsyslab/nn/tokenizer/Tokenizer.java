package io.mlsyslab.nn.tokenizer;

/** Maps text to token ids and back. */
public interface Tokenizer {
    /** Token ids of {@code text}. */
    int[] encode(String text);

    /** Text of {@code ids}. */
    String decode(int[] ids);

    /** Number of distinct ids ({@code 0 .. vocabSize()-1}). */
    int vocabSize();
}

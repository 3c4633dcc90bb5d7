package io.mlsyslab.inference.engine;

/**
 * Restricts which token a sequence may generate next: constrained decoding (a JSON Schema, a tool call's grammar).
 * One instance per sequence (choice), touched by the engine thread only. The engine calls {@link #mask} on a copy of
 * the sequence's logits before sampling, then {@link #accept} with the sampled token, then asks {@link #complete}.
 *
 * <p>An implementation allows the end-of-text token only where its output may end, and keeps the output closable:
 * with {@code remaining} tokens left it allows only tokens after which the shortest completion still fits.
 */
public interface TokenConstraint {

    /**
     * Sets every token that may not come next to negative infinity in {@code logits[off, off + vocab)}.
     *
     * @param remaining tokens this sequence may still generate, this one included ({@code >= 1})
     * @return how many tokens stay allowed (0: the output cannot go on; the engine then ends the sequence)
     */
    int mask(float[] logits, int off, int vocab, int remaining);

    /** Advances past the token that was sampled (always one {@link #mask} allowed). */
    void accept(int token);

    /** Whether the output is complete and nothing may follow: the engine finishes the sequence with {@code stop}. */
    boolean complete();

    /** Makes a fresh constraint for each sequence of a request (each choice, and again after nothing: no reuse). */
    @FunctionalInterface
    interface Factory {
        TokenConstraint create();
    }
}

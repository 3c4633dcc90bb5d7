package io.mlsyslab.inference.engine;

/**
 * Receives a request's output. Called on the engine thread: implementations must not block (queue and return).
 */
public interface GenerationListener {
    /** Tokens of one choice, in order. */
    void onTokens(int choice, java.util.List<TokenOutput> tokens);

    /**
     * A choice finished: {@code reason} is {@code stop} (end-of-text or a stop string), {@code length}
     * (max_tokens or the context window) or {@code abort} (cancelled); {@code trailingText} is text held back
     * until now (already cut at a stop string).
     */
    void onFinish(int choice, String reason, String trailingText, int completionTokens);

    /** The request failed inside the engine; no further calls follow. */
    default void onError(RuntimeException e) {
    }
}

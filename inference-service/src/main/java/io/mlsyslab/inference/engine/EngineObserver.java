package io.mlsyslab.inference.engine;

/** Engine events for metrics; called on engine threads, must be cheap. All methods default to nothing. */
public interface EngineObserver {
    EngineObserver NONE = new EngineObserver() {
    };

    /**
     * The observer to give the engines of one model: the same events, attributed to the model as well (vLLM's
     * {@code model_name}). By default this observer, which does not tell models apart.
     */
    default EngineObserver forModel(String modelId) {
        return this;
    }

    /** The model's engines are gone (the model was deleted): what was kept per model can go. */
    default void modelRemoved(String modelId) {
    }

    /** One iteration ran: rows in the batch, of which decode rows, and its wall time. */
    default void iteration(int rows, int decodeRows, long nanos) {
    }

    /** Time to first token of one choice, whose prompt has {@code promptTokens} tokens. */
    default void firstToken(long nanos, int promptTokens) {
    }

    /** Time between two output tokens of one choice. */
    default void interToken(long nanos) {
    }

    /** Tokens generated (all choices). */
    default void generated(int tokens) {
    }

    /** Prompt tokens computed (prefill rows, recomputation included). */
    default void prefilled(int tokens) {
    }

    /** A choice of an {@code n} &gt; 1 request copied {@code positions} prompt positions' KV instead of prefilling. */
    default void promptShared(int positions) {
    }

    /** A sequence was preempted (its KV dropped, to be recomputed). */
    default void preempted() {
    }

    /** An executor ({@code compute}, {@code memory}, {@code network}) was busy for {@code nanos}. */
    default void busy(String executor, long nanos) {
    }

    /** A sequence (one choice of a request) finished. */
    default void finished(FinishedSequence sequence) {
    }

    /** Every choice of a request finished; the longest generated {@code maxGeneratedTokens} tokens. */
    default void requestFinished(int maxGeneratedTokens) {
    }

    /** A stored sequence of a finished request could not be deleted from storage-service after every retry. */
    default void kvDeleteFailed() {
    }
}

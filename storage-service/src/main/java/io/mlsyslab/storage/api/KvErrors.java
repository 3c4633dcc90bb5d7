package io.mlsyslab.storage.api;

import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.storage.kv.KvConflictException;
import io.mlsyslab.storage.kv.UnknownSequenceException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Translations of the store's exceptions into problem responses. */
final class KvErrors {
    private KvErrors() {
    }

    static ProblemException translate(RuntimeException e) {
        if (e instanceof UnknownSequenceException u) {
            return new ProblemException(404, "Not found", u.getMessage(),
                    Map.of("errors", List.of(Map.of("field", "id", "message", u.getMessage()))));
        }
        if (e instanceof KvConflictException c) {
            return new ProblemException(409, "Conflict", c.getMessage(),
                    Map.of("errors", List.of(Map.of("field", c.field(), "message", c.getMessage()))));
        }
        return null;
    }

    /** Runs a store call, turning store exceptions into problems; other exceptions pass unchanged. */
    static <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (UnknownSequenceException | KvConflictException e) {
            throw translate(e);
        }
    }

    /** Waits for a computation on another thread and rethrows its failure as thrown there. */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted while computing attention", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownSequenceException || cause instanceof KvConflictException) {
                throw translate((RuntimeException) cause);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}

package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.AdmissionRefusedException;
import io.mlsyslab.inference.engine.KvUpstreamException;

/** Maps an engine's failure to the OpenAI error the client sees (a client-changeable state is never a 500). */
final class EngineFailures {
    private EngineFailures() {
    }

    static OpenAiException of(RuntimeException e) {
        if (e instanceof AdmissionRefusedException a) {
            return OpenAiException.overloaded(a.getMessage(), a.retryAfterSeconds());
        }
        if (e instanceof KvUpstreamException u) {
            return upstream(u);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                // each served model's engine holds its own KV pool: a full memory is a state the client can change
                // (delete models, retry later), never a server error
                return OpenAiException.overloaded("not enough memory for this model's KV cache pool ("
                        + t.getMessage() + "); delete models that are not needed (DELETE /api/inference/models/{id}) "
                        + "or lower mlsyslab.inference.kv-cache-bytes", 5);
            }
        }
        return new OpenAiException(500, "server_error", null, null, "the engine failed: " + e.getMessage(), null);
    }

    /** storage-service failed (502) or is unreachable, timed out or not configured (503). */
    static OpenAiException upstream(KvUpstreamException u) {
        return u.status() == 0
                ? new OpenAiException(503, "server_error", "kvOffload", "kv_storage_unavailable", u.getMessage(), 5)
                : new OpenAiException(502, "server_error", "kvOffload", "kv_storage_failed", u.getMessage(), null);
    }
}

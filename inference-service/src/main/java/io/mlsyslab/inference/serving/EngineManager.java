package io.mlsyslab.inference.serving;

import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.PagedKvCache;
import io.mlsyslab.nn.decode.AttentionBackend;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * One {@link InferenceEngine} per served model, started on first use and closed when the model is deleted.
 * The attention backend factory is the extension point for KV offload: it receives the model id and the engine's
 * paged cache and returns the backend the decoder uses (the cache itself for local attention).
 */
public final class EngineManager implements AutoCloseable {
    private final ModelCatalog catalog;
    private final EngineConfig config;
    private final BiFunction<String, PagedKvCache, AttentionBackend> backends;
    private final EngineObserver observer;
    private final Map<String, InferenceEngine> engines = new ConcurrentHashMap<>();

    public EngineManager(ModelCatalog catalog, EngineConfig config,
                         BiFunction<String, PagedKvCache, AttentionBackend> backends, EngineObserver observer) {
        this.catalog = catalog;
        this.config = config;
        this.backends = backends;
        this.observer = observer;
    }

    /** The engine of a model, started if needed; empty when the model does not exist. */
    public Optional<InferenceEngine> engine(String id) {
        InferenceEngine e = engines.get(id);
        if (e != null) {
            return Optional.of(e);
        }
        synchronized (this) {
            e = engines.get(id);
            if (e != null) {
                return Optional.of(e);
            }
            Optional<LoadedModel> m = catalog.load(id);
            if (m.isEmpty()) {
                return Optional.empty();
            }
            LoadedModel lm = m.get();
            e = new InferenceEngine(lm.model(), lm.tokenizer(), lm.eosToken(), config,
                    backends == null ? null : cache -> backends.apply(id, cache), observer);
            engines.put(id, e);
            return Optional.of(e);
        }
    }

    /** Engines running now. */
    public Map<String, InferenceEngine> running() {
        return Map.copyOf(engines);
    }

    /**
     * Stops a model's engine (its requests end). Waits for an engine of the model being started; call it after the
     * model left the catalog, so that no later call starts a stale engine.
     */
    public void evict(String id) {
        InferenceEngine e;
        synchronized (this) {
            e = engines.remove(id);
        }
        if (e != null) {
            e.close();
        }
    }

    public EngineConfig config() {
        return config;
    }

    @Override
    public void close() {
        engines.keySet().forEach(this::evict);
    }
}

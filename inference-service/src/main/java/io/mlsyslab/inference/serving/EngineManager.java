package io.mlsyslab.inference.serving;

import io.mlsyslab.inference.engine.EngineConfig;
import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.inference.engine.InferenceEngine;
import io.mlsyslab.inference.engine.KvUpstreamException;
import io.mlsyslab.storage.client.StorageKvClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link InferenceEngine} per served model and KV placement, started on first use and closed when the model is
 * deleted. A model's requests run on its {@code kvOffload: none} engine (attention over the engine's paged cache)
 * or on its {@code kvOffload: storage} engine (K/V and attention in storage-service through
 * {@link StorageKvBackend}); the model's registered default applies unless a request names one. The two engines
 * of a model batch separately.
 */
public final class EngineManager implements AutoCloseable {
    private final ModelCatalog catalog;
    private final EngineConfig config;
    private final StorageKvClient storage;
    private final EngineObserver observer;
    private final Map<String, InferenceEngine> engines = new ConcurrentHashMap<>();
    /** Each started model's registered placement (so a request without kvOffload costs no registry lookup). */
    private final Map<String, KvOffload> defaults = new ConcurrentHashMap<>();

    /** @param storage client of storage-service for {@code kvOffload: storage}, or null when it is not configured */
    public EngineManager(ModelCatalog catalog, EngineConfig config, StorageKvClient storage,
                         EngineObserver observer) {
        this.catalog = catalog;
        this.config = config;
        this.storage = storage;
        this.observer = observer == null ? EngineObserver.NONE : observer;
    }

    /** The engine of a model with the model's default KV placement, started if needed; empty when no such model. */
    public Optional<InferenceEngine> engine(String id) {
        return engine(id, null);
    }

    /**
     * The engine of a model with KV placement {@code kvOffload} (null: the model's default), started if needed;
     * empty when the model does not exist.
     *
     * @throws KvUpstreamException when offload to storage is asked for but no storage-service is configured
     */
    public Optional<InferenceEngine> engine(String id, KvOffload kvOffload) {
        KvOffload wanted = kvOffload != null ? kvOffload : defaults.get(id);
        InferenceEngine e = wanted == null ? null : engines.get(key(id, wanted));
        if (e != null) {
            return Optional.of(e);
        }
        synchronized (this) {
            Optional<KvOffload> placement = kvOffload != null ? Optional.of(kvOffload) : catalog.kvOffload(id);
            if (placement.isEmpty()) {
                return Optional.empty();
            }
            if (kvOffload == null) {
                defaults.put(id, placement.get());
            }
            String key = key(id, placement.get());
            e = engines.get(key);
            if (e != null) {
                return Optional.of(e);
            }
            boolean offload = placement.get() == KvOffload.STORAGE;
            Optional<LoadedModel> m = catalog.load(id);
            if (m.isEmpty()) {
                return Optional.empty();
            }
            if (offload && storage == null) {
                throw new KvUpstreamException(0, "kvOffload: storage offload needs storage-service, but "
                        + "mlsyslab.services.urls.storage is not configured", null);
            }
            LoadedModel lm = m.get();
            e = new InferenceEngine(lm.model(), lm.tokenizer(), lm.eosToken(), config,
                    offload ? cache -> new StorageKvBackend(storage, lm.model().config(), config.maxRunning(),
                            observer, StorageKvBackend.DELETE_ATTEMPTS, StorageKvBackend.DELETE_FIRST_DELAY)
                            : null, observer.forModel(id));
            engines.put(key, e);
            return Optional.of(e);
        }
    }

    private static String key(String id, KvOffload kvOffload) {
        return kvOffload == KvOffload.NONE ? id : id + "#" + kvOffload.wireName();
    }

    /** The running engines of one model (one per KV placement in use). */
    public List<InferenceEngine> enginesOf(String id) {
        List<InferenceEngine> out = new ArrayList<>(2);
        for (KvOffload k : KvOffload.values()) {
            InferenceEngine e = engines.get(key(id, k));
            if (e != null) {
                out.add(e);
            }
        }
        return out;
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
        for (KvOffload k : KvOffload.values()) {
            InferenceEngine e;
            synchronized (this) {
                defaults.remove(id);
                e = engines.remove(key(id, k));
            }
            if (e != null) {
                e.close();
            }
        }
        observer.modelRemoved(id);
    }

    public EngineConfig config() {
        return config;
    }

    @Override
    public void close() {
        engines.keySet().forEach(k -> {
            InferenceEngine e = engines.remove(k);
            if (e != null) {
                e.close();
            }
        });
    }
}

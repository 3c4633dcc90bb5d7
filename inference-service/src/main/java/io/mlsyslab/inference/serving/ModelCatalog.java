package io.mlsyslab.inference.serving;

import java.util.Optional;

/** Where the engine manager gets models from (the registry). */
public interface ModelCatalog {
    /** The model, loaded, or empty when no such id is registered. */
    Optional<LoadedModel> load(String id);

    /** The model's registered KV placement, or empty when no such id is registered. */
    default Optional<KvOffload> kvOffload(String id) {
        return load(id).map(m -> KvOffload.NONE);
    }
}

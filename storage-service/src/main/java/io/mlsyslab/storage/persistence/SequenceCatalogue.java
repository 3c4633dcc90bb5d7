package io.mlsyslab.storage.persistence;

import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.SequenceInfo;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the PostgreSQL catalogue in step with the store. The store's manifest is the authority: at start-up rows
 * of sequences the store no longer has are dropped and sequences without a row get one (owner {@code unknown}).
 */
@Component
public class SequenceCatalogue {
    private static final Logger log = LoggerFactory.getLogger(SequenceCatalogue.class);
    private final KvSequenceRepository repository;
    private final KvStore store;

    public SequenceCatalogue(KvSequenceRepository repository, KvStore store) {
        this.repository = repository;
        this.store = store;
    }

    @Transactional
    public void created(SequenceInfo info, String owner) {
        repository.save(new KvSequenceEntity(info.id(), info.layout().layers(), info.layout().kvHeads(),
                info.layout().headDim(), info.layout().format().wireName(), owner, info.created()));
    }

    @Transactional
    public void deleted(UUID id) {
        repository.deleteById(id);
    }

    @Transactional(readOnly = true)
    public Optional<KvSequenceEntity> find(UUID id) {
        return repository.findById(id);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void reconcile() {
        Set<UUID> stored = new HashSet<>();
        for (SequenceInfo info : store.list()) {
            stored.add(info.id());
            if (!repository.existsById(info.id())) {
                created(info, "unknown");
            }
        }
        int dropped = 0;
        for (KvSequenceEntity e : repository.findAll()) {
            if (!stored.contains(e.getId())) {
                repository.delete(e);
                dropped++;
            }
        }
        if (dropped > 0) {
            log.info("catalogue: dropped {} rows of sequences the store no longer holds", dropped);
        }
    }
}

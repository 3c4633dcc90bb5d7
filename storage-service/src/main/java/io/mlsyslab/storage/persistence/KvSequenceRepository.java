package io.mlsyslab.storage.persistence;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The sequence catalogue. */
public interface KvSequenceRepository extends JpaRepository<KvSequenceEntity, UUID> {
}

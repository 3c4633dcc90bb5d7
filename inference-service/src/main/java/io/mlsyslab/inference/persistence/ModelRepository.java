package io.mlsyslab.inference.persistence;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Registered models. */
public interface ModelRepository extends JpaRepository<ModelEntity, String> {
    List<ModelEntity> findAllByOrderByCreatedAtAsc();
}

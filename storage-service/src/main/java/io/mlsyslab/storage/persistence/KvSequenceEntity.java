package io.mlsyslab.storage.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the sequence catalogue ({@code kv_sequences}). */
@Entity
@Table(name = "kv_sequences")
public class KvSequenceEntity {
    @Id
    private UUID id;
    @Column(nullable = false)
    private int layers;
    @Column(name = "kv_heads", nullable = false)
    private int kvHeads;
    @Column(name = "head_dim", nullable = false)
    private int headDim;
    @Column(nullable = false, length = 8)
    private String dtype;
    @Column(nullable = false, length = 256)
    private String owner;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected KvSequenceEntity() {
    }

    public KvSequenceEntity(UUID id, int layers, int kvHeads, int headDim, String dtype, String owner,
                            Instant createdAt) {
        this.id = id;
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.dtype = dtype;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public int getLayers() {
        return layers;
    }

    public int getKvHeads() {
        return kvHeads;
    }

    public int getHeadDim() {
        return headDim;
    }

    public String getDtype() {
        return dtype;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

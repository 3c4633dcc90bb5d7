package io.mlsyslab.inference.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A registered model's metadata (table {@code models}). */
@Entity
@Table(name = "models")
public class ModelEntity {
    @Id
    private String id;
    @Column(nullable = false)
    private String source;
    private String preset;
    private Long seed;
    @Column(name = "vocab_size", nullable = false)
    private int vocabSize;
    @Column(name = "n_positions", nullable = false)
    private int nPositions;
    @Column(name = "n_embd", nullable = false)
    private int nEmbd;
    @Column(name = "n_layer", nullable = false)
    private int nLayer;
    @Column(name = "n_head", nullable = false)
    private int nHead;
    @Column(nullable = false)
    private long parameters;
    @Column(nullable = false)
    private String tokenizer;
    @Column(nullable = false)
    private long bytes;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    /** The run a {@code run} model was imported from (V101); null otherwise. */
    @Column(name = "source_run")
    private UUID sourceRun;
    @Column(name = "kv_offload", nullable = false)
    private String kvOffload;
    /** The principal that registered the model (V103); null when not recorded. */
    @Column(name = "created_by")
    private String createdBy;

    protected ModelEntity() {
    }

    public ModelEntity(String id, String source, String preset, Long seed, int vocabSize, int nPositions, int nEmbd,
                       int nLayer, int nHead, long parameters, String tokenizer, long bytes, Instant createdAt,
                       String kvOffload) {
        this.id = id;
        this.source = source;
        this.preset = preset;
        this.seed = seed;
        this.vocabSize = vocabSize;
        this.nPositions = nPositions;
        this.nEmbd = nEmbd;
        this.nLayer = nLayer;
        this.nHead = nHead;
        this.parameters = parameters;
        this.tokenizer = tokenizer;
        this.bytes = bytes;
        this.createdAt = createdAt;
        this.kvOffload = kvOffload;
    }

    /** Default KV placement of the model's requests: {@code none} or {@code storage}. */
    public String getKvOffload() {
        return kvOffload;
    }

    public String getId() {
        return id;
    }

    public String getSource() {
        return source;
    }

    public String getPreset() {
        return preset;
    }

    public Long getSeed() {
        return seed;
    }

    public int getVocabSize() {
        return vocabSize;
    }

    public int getNPositions() {
        return nPositions;
    }

    public int getNEmbd() {
        return nEmbd;
    }

    public int getNLayer() {
        return nLayer;
    }

    public int getNHead() {
        return nHead;
    }

    public long getParameters() {
        return parameters;
    }

    public String getTokenizer() {
        return tokenizer;
    }

    public long getBytes() {
        return bytes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public UUID getSourceRun() {
        return sourceRun;
    }

    /** The principal that registered the model, or null: only it or an admin may delete the model. */
    public String getCreatedBy() {
        return createdBy;
    }

    /** Records who registers this (not yet saved) model. */
    ModelEntity createdBy(String principal) {
        this.createdBy = principal;
        return this;
    }

    /** Marks this (not yet saved) model as imported from {@code run}: source {@code run}. */
    ModelEntity importedFrom(UUID run) {
        this.source = "run";
        this.sourceRun = run;
        return this;
    }
}

package io.mlsyslab.inference.api;

import io.mlsyslab.inference.persistence.ModelEntity;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.inference.serving.KvOffload;
import io.mlsyslab.inference.serving.ModelUpload;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.security.Caller;
import io.mlsyslab.platform.security.Ownership;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The model registry: upload a checkpoint (multipart), register a seeded random model or import another service's
 * run checkpoint (JSON), list, delete.
 */
@RestController
@RequestMapping("${mlsyslab.api-prefix}/models")
public class ModelsController {
    private final ModelStore store;
    private final EngineManager engines;
    private final RunCheckpointImport imports;

    public ModelsController(ModelStore store, EngineManager engines, RunCheckpointImport imports) {
        this.store = store;
        this.engines = engines;
        this.imports = imports;
    }

    /**
     * A registered model ({@code sourceRun}: the run a {@code run} model was imported from, else null;
     * {@code createdBy}: the principal that registered it, null when not recorded).
     */
    public record ModelInfo(String id, String source, String preset, Long seed, int vocabSize, int nPositions,
                            int nEmbd, int nLayer, int nHead, long parameters, String tokenizer, long bytes,
                            String createdAt, String sourceRun, String kvOffload, String createdBy) {
        static ModelInfo of(ModelEntity e) {
            return new ModelInfo(e.getId(), e.getSource(), e.getPreset(), e.getSeed(), e.getVocabSize(),
                    e.getNPositions(), e.getNEmbd(), e.getNLayer(), e.getNHead(), e.getParameters(), e.getTokenizer(),
                    e.getBytes(), e.getCreatedAt().toString(),
                    e.getSourceRun() == null ? null : e.getSourceRun().toString(), e.getKvOffload(),
                    e.getCreatedBy());
        }
    }

    /** Models registered. */
    public record ModelList(List<ModelInfo> models) {
    }

    /**
     * A seeded random-weight model of a named preset (tiny, small, medium, long-context, gpt2-124m-shape), or, with
     * {@code fromRun}, the checkpoint of another service's run ({@link RunCheckpointImport});
     * {@code kvOffload} ({@code none} by default, or {@code storage}) is where its requests keep their KV.
     */
    public record RandomModel(String name, String preset, Long seed, RunCheckpointImport.FromRun fromRun,
                              String kvOffload) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<ModelInfo> upload(@RequestParam(name = "name", required = false) String name,
                                            @RequestPart(name = "config", required = false) MultipartFile config,
                                            @RequestPart(name = "weights", required = false) MultipartFile weights,
                                            @RequestPart(name = "vocab", required = false) MultipartFile vocab,
                                            @RequestPart(name = "merges", required = false) MultipartFile merges,
                                            @RequestPart(name = "tokenizer", required = false)
                                            MultipartFile tokenizer,
                                            @RequestParam(name = "kvOffload", required = false) String kvOffload,
                                            HttpServletRequest request) {
        KvOffload placement = kvOffload(kvOffload);
        if (name == null || name.isBlank()) {
            throw ProblemException.badField("name", "form field name is required");
        }
        if (config == null) {
            throw ProblemException.badField("config", "part config (config.json) is required");
        }
        if (weights == null) {
            throw ProblemException.badField("weights", "part weights (model.safetensors) is required");
        }
        long size = config.getSize() + weights.getSize() + size(vocab) + size(merges) + size(tokenizer);
        if (size > store.maxModelBytes()) {
            throw ProblemException.tooLarge("weights", "model files take " + size
                    + " bytes, more than mlsyslab.inference.max-model-bytes = " + store.maxModelBytes());
        }
        ModelEntity e = store.register(name, new ModelUpload(bytes(config), bytes(weights), bytes(vocab),
                bytes(merges), bytes(tokenizer)), placement, Caller.of(request).principal());
        return created(e);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ModelInfo> random(@RequestBody RandomModel body, HttpServletRequest request) {
        String createdBy = Caller.of(request).principal();
        if (body.name() == null || body.name().isBlank()) {
            throw ProblemException.badField("name", "name is required");
        }
        if (body.fromRun() != null) {
            if (body.preset() != null || body.seed() != null) {
                throw ProblemException.badField(body.preset() != null ? "preset" : "seed",
                        "give either fromRun or preset (+ seed), not both");
            }
            return created(imports.importRun(body.name(), body.fromRun(), kvOffload(body.kvOffload()), createdBy));
        }
        if (body.preset() == null) {
            throw ProblemException.badField("preset", "preset is required");
        }
        KvOffload placement = kvOffload(body.kvOffload());
        return created(store.registerRandom(body.name(), body.preset(), body.seed() == null ? 0L : body.seed(),
                placement, createdBy));
    }

    private static KvOffload kvOffload(String value) {
        if (value == null) {
            return KvOffload.NONE;
        }
        try {
            return KvOffload.parse("kvOffload", value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("kvOffload", "must be 'none' or 'storage', was '" + value + "'");
        }
    }

    @GetMapping
    public ModelList list() {
        return new ModelList(store.list().stream().map(ModelInfo::of).toList());
    }

    @GetMapping("/{id}")
    public ModelInfo get(@PathVariable String id) {
        return store.find(id).map(ModelInfo::of)
                .orElseThrow(() -> ProblemException.notFound("model '" + id + "' does not exist"));
    }

    /** Only the model's creator or an admin may delete it ({@link Ownership}). */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        store.find(id).ifPresent(model -> Ownership.requireOwnerOrAdmin(Caller.of(request), model.getCreatedBy(),
                "delete", "model '" + id + "'"));
        boolean existed = store.delete(id);
        engines.evict(id);
        if (!existed) {
            throw ProblemException.notFound("model '" + id + "' does not exist");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Starts the model's engine in the background, so that the first completion does not pay for loading the
     * weights and allocating the KV pool before its response starts (the gateway allows 1.5 s).
     */
    private ResponseEntity<ModelInfo> created(ModelEntity e) {
        Thread.ofVirtual().name("engine-warm-" + e.getId()).start(() -> {
            try {
                engines.engine(e.getId());
            } catch (RuntimeException ignored) {
                // the first request reports the problem
            }
        });
        return ResponseEntity.created(URI.create("models/" + e.getId())).body(ModelInfo.of(e));
    }

    private static long size(MultipartFile f) {
        return f == null ? 0 : f.getSize();
    }

    private static byte[] bytes(MultipartFile f) {
        if (f == null) {
            return null;
        }
        try {
            return f.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

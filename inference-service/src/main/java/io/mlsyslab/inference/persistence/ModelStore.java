package io.mlsyslab.inference.persistence;

import io.mlsyslab.inference.serving.LoadedModel;
import io.mlsyslab.inference.serving.KvOffload;
import io.mlsyslab.inference.serving.ModelCatalog;
import io.mlsyslab.inference.serving.ModelLoader;
import io.mlsyslab.inference.serving.ModelUpload;
import io.mlsyslab.inference.serving.RandomPresets;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.platform.errors.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The model registry: metadata through JPA, an upload's files under {@code <model-dir>/<id>/} with the usual
 * Hugging Face names. {@link #register} accepts the files from any source (HTTP upload, a training checkpoint, a
 * test), validates them completely before anything is stored, and writes the directory atomically (a temporary
 * directory renamed into place), so a crash never leaves a half-written model behind a metadata row.
 */
public class ModelStore implements ModelCatalog {
    /** Model ids: what OpenAI clients pass as {@code model}. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    static final String CONFIG = "config.json", WEIGHTS = "model.safetensors", VOCAB = "vocab.json",
            MERGES = "merges.txt", CHAR_TOKENIZER = "tokenizer.json";

    private final ModelRepository repository;
    private final Path dir;
    private final long maxModelBytes;

    public ModelStore(ModelRepository repository, Path dir, long maxModelBytes) {
        this.repository = repository;
        this.dir = dir;
        this.maxModelBytes = maxModelBytes;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("model-dir: cannot create " + dir, e);
        }
    }

    public long maxModelBytes() {
        return maxModelBytes;
    }

    /** Registers uploaded files; 409 on a duplicate id, 413 over the size limit, 422 naming the bad field. */
    public ModelEntity register(String id, ModelUpload upload) {
        return register(id, upload, KvOffload.NONE);
    }

    /** Registers uploaded files with a default KV placement for the model's requests. */
    public ModelEntity register(String id, ModelUpload upload, KvOffload kvOffload) {
        return register(id, upload, kvOffload, (String) null);
    }

    /** Registers uploaded files for {@code createdBy} (the verified caller; null: not known). */
    public ModelEntity register(String id, ModelUpload upload, KvOffload kvOffload, String createdBy) {
        return registerFiles(id, upload, kvOffload, null, createdBy);
    }

    /**
     * Registers the checkpoint files of another service's run {@code run} exactly like an upload (same checks and
     * answers), recorded as source {@code run} with the run's id.
     */
    public ModelEntity registerFromRun(String id, ModelUpload upload, UUID run, KvOffload kvOffload,
            String createdBy) {
        return registerFiles(id, upload, kvOffload, java.util.Objects.requireNonNull(run, "run"), createdBy);
    }

    private ModelEntity registerFiles(String id, ModelUpload upload, KvOffload kvOffload, UUID run,
            String createdBy) {
        checkId(id);
        if (upload.size() > maxModelBytes) {
            throw ProblemException.tooLarge("weights", "model files take " + upload.size()
                    + " bytes, more than mlsyslab.inference.max-model-bytes = " + maxModelBytes);
        }
        if (repository.existsById(id)) {
            throw ProblemException.conflict("model '" + id + "' already exists");
        }
        LoadedModel loaded = ModelLoader.load(id, upload);
        Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
        Path target = dir.resolve(id);
        try {
            Files.createDirectories(tmp);
            write(tmp, CONFIG, upload.config());
            write(tmp, WEIGHTS, upload.weights());
            write(tmp, VOCAB, upload.vocab());
            write(tmp, MERGES, upload.merges());
            write(tmp, CHAR_TOKENIZER, upload.charTokenizer());
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException(e);
        }
        ModelEntity entity = new ModelEntity(id, "upload", null, null, cfg(loaded).vocabSize(),
                cfg(loaded).nPositions(), cfg(loaded).nEmbd(), cfg(loaded).nLayer(), cfg(loaded).nHead(),
                loaded.model().params().data().length, loaded.tokenizerKind(), upload.size(), Instant.now(),
                kvOffload.wireName()).createdBy(createdBy);
        return save(run == null ? entity : entity.importedFrom(run), target);
    }

    /** Registers a seeded random-weight model of a named preset (nothing written to disk). */
    public ModelEntity registerRandom(String id, String preset, long seed) {
        return registerRandom(id, preset, seed, KvOffload.NONE);
    }

    /** Registers a seeded random-weight model of a named preset with a default KV placement. */
    public ModelEntity registerRandom(String id, String preset, long seed, KvOffload kvOffload) {
        return registerRandom(id, preset, seed, kvOffload, null);
    }

    /** The same, for {@code createdBy} (the verified caller; null: not known). */
    public ModelEntity registerRandom(String id, String preset, long seed, KvOffload kvOffload, String createdBy) {
        checkId(id);
        GptConfig c = RandomPresets.config(preset);
        if (repository.existsById(id)) {
            throw ProblemException.conflict("model '" + id + "' already exists");
        }
        long params = io.mlsyslab.nn.model.ParameterLayout.gpt2(c).size();
        return save(new ModelEntity(id, "random", preset, seed, c.vocabSize(), c.nPositions(), c.nEmbd(), c.nLayer(),
                c.nHead(), params, "byte", 0, Instant.now(), kvOffload.wireName()).createdBy(createdBy), null);
    }

    public List<ModelEntity> list() {
        return repository.findAllByOrderByCreatedAtAsc();
    }

    public Optional<ModelEntity> find(String id) {
        return repository.findById(id);
    }

    /** Deletes a model's row and files; false when there was none. */
    public boolean delete(String id) {
        if (!repository.existsById(id)) {
            return false;
        }
        repository.deleteById(id);
        deleteTree(dir.resolve(id));
        return true;
    }

    @Override
    public Optional<KvOffload> kvOffload(String id) {
        return repository.findById(id).map(e -> KvOffload.parse("kvOffload", e.getKvOffload()));
    }

    @Override
    public Optional<LoadedModel> load(String id) {
        return repository.findById(id).map(e -> {
            if ("random".equals(e.getSource())) {
                return RandomPresets.build(id, e.getPreset(), e.getSeed());
            }
            Path d = dir.resolve(id);
            return ModelLoader.load(id, new ModelUpload(read(d, CONFIG), read(d, WEIGHTS), read(d, VOCAB),
                    read(d, MERGES), read(d, CHAR_TOKENIZER)));
        });
    }

    private ModelEntity save(ModelEntity entity, Path files) {
        try {
            return repository.saveAndFlush(entity);
        } catch (DataIntegrityViolationException e) {
            if (files != null) {
                deleteTree(files);
            }
            throw ProblemException.conflict("model '" + entity.getId() + "' already exists");
        }
    }

    private static GptConfig cfg(LoadedModel m) {
        return m.model().config();
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches() || id.startsWith(".tmp")) {
            throw ProblemException.badField("name", "must match " + ID.pattern());
        }
    }

    private static void write(Path d, String name, byte[] bytes) throws IOException {
        if (bytes != null) {
            Files.write(d.resolve(name), bytes);
        }
    }

    private static byte[] read(Path d, String name) {
        Path p = d.resolve(name);
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

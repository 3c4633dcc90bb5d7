package io.mlsyslab.inference.api;

import io.mlsyslab.contract.ArtifactInfo;
import io.mlsyslab.contract.Run;
import io.mlsyslab.contract.RunStatus;
import io.mlsyslab.inference.persistence.ModelEntity;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.KvOffload;
import io.mlsyslab.inference.serving.ModelUpload;
import io.mlsyslab.platform.clients.RunsClient;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.errors.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Imports the checkpoint another service's run stored (training's {@code lm-train}: {@code config.json},
 * {@code model.safetensors}, {@code tokenizer.json}) into the registry, fetched directly from that service through
 * {@link RunsClient} and registered with every check of an upload. Answers: 400 naming {@code name},
 * {@code fromRun.service} or {@code fromRun.runId}; 404 for an unknown run; 409 naming {@code fromRun.runId} for a
 * run that has not SUCCEEDED (or a duplicate name); 413/422 as for uploads (422 naming {@code fromRun.runId} for a
 * run without a checkpoint); 502/503 when the other service refuses or cannot be reached.
 */
@Component
public class RunCheckpointImport {
    static final String CONFIG = "config.json", WEIGHTS = "model.safetensors", CHAR_TOKENIZER = "tokenizer.json",
            VOCAB = "vocab.json", MERGES = "merges.txt";

    /** The run whose checkpoint to import: a service name ({@code training}) and the run's id. */
    public record FromRun(String service, String runId) {
    }

    private final RunsClient runs;
    private final ServicesProperties services;
    private final ModelStore store;

    public RunCheckpointImport(RunsClient runs, ServicesProperties services, ModelStore store) {
        this.runs = runs;
        this.services = services;
        this.store = store;
    }

    /**
     * Fetches run {@code from}'s checkpoint and registers it as model {@code name} (source {@code run}) whose
     * requests keep their KV as {@code kvOffload} says, registered for {@code createdBy}.
     */
    public ModelEntity importRun(String name, FromRun from, KvOffload kvOffload, String createdBy) {
        if (name == null || !ModelStore.ID.matcher(name).matches()) {
            throw ProblemException.badField("name", "must match " + ModelStore.ID.pattern());
        }
        if (from.service() == null || from.service().isBlank()) {
            throw ProblemException.badField("fromRun.service", "is required (e.g. training)");
        }
        if (!services.urls().containsKey(from.service())) {
            throw ProblemException.badField("fromRun.service", "unknown service '" + from.service() + "'; known: "
                    + services.urls().keySet().stream().sorted().toList());
        }
        UUID id = runId(from.runId());
        if (store.find(name).isPresent()) {
            throw ProblemException.conflict("model '" + name + "' already exists");
        }
        Run run = runs.run(from.service(), id);
        if (run.status() != RunStatus.SUCCEEDED) {
            String message = "run " + id + " of " + from.service() + " is " + run.status()
                    + "; only a SUCCEEDED run's checkpoint can be imported";
            throw new ProblemException(409, "Conflict", "fromRun.runId: " + message,
                    Map.of("errors", List.of(Map.of("field", "fromRun.runId", "message", message))));
        }
        Map<String, ArtifactInfo> stored = runs.artifacts(from.service(), id).stream()
                .collect(Collectors.toMap(ArtifactInfo::name, Function.identity(), (a, b) -> a));
        if (!stored.containsKey(CONFIG) || !stored.containsKey(WEIGHTS)) {
            throw ProblemException.unprocessable("fromRun.runId", "run " + id + " (kind " + run.kind()
                    + ") stored no checkpoint: it needs artifacts " + CONFIG + " and " + WEIGHTS + ", it has "
                    + stored.keySet().stream().sorted().toList());
        }
        boolean bpe = stored.containsKey(VOCAB) && stored.containsKey(MERGES);
        boolean chars = !bpe && stored.containsKey(CHAR_TOKENIZER);
        List<String> wanted = bpe ? List.of(CONFIG, WEIGHTS, VOCAB, MERGES)
                : chars ? List.of(CONFIG, WEIGHTS, CHAR_TOKENIZER) : List.of(CONFIG, WEIGHTS);
        long size = wanted.stream().mapToLong(n -> stored.get(n).size()).sum();
        if (size > store.maxModelBytes()) {
            throw ProblemException.tooLarge("fromRun.runId", "the run's checkpoint takes " + size
                    + " bytes, more than mlsyslab.inference.max-model-bytes = " + store.maxModelBytes());
        }
        ModelUpload upload = new ModelUpload(fetch(from, id, CONFIG), fetch(from, id, WEIGHTS),
                bpe ? fetch(from, id, VOCAB) : null, bpe ? fetch(from, id, MERGES) : null,
                chars ? fetch(from, id, CHAR_TOKENIZER) : null);
        return store.registerFromRun(name, upload, id, kvOffload, createdBy);
    }

    private byte[] fetch(FromRun from, UUID id, String artifact) {
        return runs.artifact(from.service(), id, artifact);
    }

    private static UUID runId(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badField("fromRun.runId", "is required (the run's id)");
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("fromRun.runId", "must be a UUID, was '" + text + "'");
        }
    }
}

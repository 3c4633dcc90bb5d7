package io.mlsyslab.platform.runs;

import io.mlsyslab.contract.ArtifactInfo;
import io.mlsyslab.contract.CreateRunRequest;
import io.mlsyslab.contract.Run;
import io.mlsyslab.contract.RunStatus;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.security.Caller;
import io.mlsyslab.platform.security.Ownership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Creating, reading, listing and cancelling runs: the rules behind the REST API, free of HTTP types. */
public class RunService {

    private static final int MAX_TAG_KEY = 64;
    private static final int MAX_TAG_VALUE = 256;
    private static final int MAX_IDEMPOTENCY_KEY = 200;
    public static final int MAX_METRIC_POINTS = 1_000_000;

    /** The created (or, for a repeated idempotency key, the earlier) run. */
    public record Created(Run run, boolean replayed) {}

    public record Page(List<Run> runs, String nextPageToken) {}

    private final RunRepository repository;
    private final RunKindRegistry kinds;
    private final RunExecutor executor;
    private final RunMetrics metrics;
    private final RunsProperties properties;
    private final JsonMapper json;

    public RunService(RunRepository repository, RunKindRegistry kinds, RunExecutor executor, RunMetrics metrics,
            RunsProperties properties, JsonMapper json) {
        this.repository = repository;
        this.kinds = kinds;
        this.executor = executor;
        this.metrics = metrics;
        this.properties = properties;
        this.json = json;
    }

    public Created create(CreateRunRequest request, String idempotencyKey, String createdBy) {
        RunKind<?, ?> kind = kinds.find(request.kind()).orElseThrow(() -> ProblemException.badField("kind",
                "unknown run kind '" + request.kind() + "'; this service offers " + kinds.names()));
        JsonNode rawParams = request.params() == null || request.params().isNull()
                ? json.createObjectNode() : request.params();
        if (!rawParams.isObject()) {
            throw ProblemException.badField("params", "must be a JSON object");
        }
        rejectNulCharacters("params", rawParams);
        Record bound = kinds.bind(kind, rawParams);
        // checks that need data outside the params (e.g. another service's run), before anything is stored
        kinds.validateAtSubmission(kind, bound);
        JsonNode params = kinds.toTree(bound);
        Map<String, String> tags = checkedTags(request.tags());
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badField("Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        String hash = requestHash(kind.name(), params, tags);
        UUID id = UUID.randomUUID();
        if (repository.insert(id, kind.name(), params, tags, idempotencyKey, hash, principal(createdBy))) {
            metrics.submitted(kind.name());
            executor.wakeUp();
            return new Created(get(id), false);
        }
        RunRepository.Existing existing = repository.findByIdempotencyKey(idempotencyKey)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + idempotencyKey));
        if (!existing.requestHash().equals(hash)) {
            throw ProblemException.conflict("Idempotency-Key '" + idempotencyKey
                    + "' was already used for a different request (run " + existing.run().id() + ")");
        }
        return new Created(existing.run(), true);
    }

    public Run get(UUID id) {
        return repository.find(id).orElseThrow(() -> ProblemException.notFound("no run " + id));
    }

    public Page list(String kind, RunStatus status, List<String> tagFilters, Integer pageSize, String pageToken) {
        rejectNul("kind", kind);
        (tagFilters == null ? List.<String>of() : tagFilters).forEach(t -> rejectNul("tag", t));
        int size = pageSize == null ? properties.defaultPageSize() : pageSize;
        if (size < 1 || size > properties.maxPageSize()) {
            throw ProblemException.badField("pageSize", "must be between 1 and " + properties.maxPageSize());
        }
        Map<String, String> tags = new TreeMap<>();
        for (String filter : tagFilters == null ? List.<String>of() : tagFilters) {
            int colon = filter.indexOf(':');
            if (colon <= 0) {
                throw ProblemException.badField("tag", "expected key:value, got '" + filter + "'");
            }
            tags.put(filter.substring(0, colon), filter.substring(colon + 1));
        }
        RunRepository.Cursor after = pageToken == null || pageToken.isEmpty() ? null : PageToken.decode(pageToken);
        List<Run> runs = repository.list(new RunRepository.Filter(kind, status, tags), after, size + 1);
        if (runs.size() <= size) {
            return new Page(runs, null);
        }
        List<Run> page = runs.subList(0, size);
        Run last = page.getLast();
        return new Page(List.copyOf(page), PageToken.encode(new RunRepository.Cursor(last.createdAt(), last.id())));
    }

    /**
     * Cancels a queued run at once; a running one stops at its next cancellation check. Only the run's creator or an
     * admin may ({@link Ownership}).
     */
    public Run cancel(UUID id, Caller caller) {
        Ownership.requireOwnerOrAdmin(caller, get(id).createdBy(), "cancel", "run " + id);
        if (repository.requestCancel(id).isEmpty()) {
            Run run = get(id);
            throw ProblemException.conflict("run " + id + " is already " + run.status() + " and cannot be cancelled");
        }
        executor.cancelLocally(id);
        return get(id);
    }

    /** At most {@code limit} points (default and cap {@value #MAX_METRIC_POINTS}) of a run's series. */
    public Map<String, List<RunRepository.MetricPoint>> metrics(UUID id, String name, Integer limit) {
        rejectNul("name", name);
        int points = limit == null ? MAX_METRIC_POINTS : limit;
        if (points < 1 || points > MAX_METRIC_POINTS) {
            throw ProblemException.badField("limit", "must be between 1 and " + MAX_METRIC_POINTS);
        }
        get(id);
        return repository.metrics(id, name, points);
    }

    /** The full length of each metric series of a run ({@code name} null: every series). */
    public Map<String, Long> metricCounts(UUID id, String name) {
        rejectNul("name", name);
        get(id);
        return repository.metricCounts(id, name);
    }

    public List<ArtifactInfo> artifacts(UUID id) {
        get(id);
        return repository.artifacts(id);
    }

    public RunRepository.Artifact artifact(UUID id, String name) {
        get(id);
        return repository.artifact(id, name)
                .orElseThrow(() -> ProblemException.notFound("run " + id + " has no artifact '" + name + "'"));
    }

    /** PostgreSQL text and jsonb cannot hold U+0000, so a client string with one is refused up front. */
    private static void rejectNul(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ProblemException.badField(field, "must not contain the NUL character");
        }
    }

    private static void rejectNulCharacters(String path, JsonNode node) {
        if (node.isString()) {
            rejectNul(path, node.asString());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNulCharacters(path + "[" + i + "]", node.get(i));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                rejectNul(path, entry.getKey());
                rejectNulCharacters(path + "." + entry.getKey(), entry.getValue());
            }
        }
    }

    /** The gateway's key names are [A-Za-z0-9._@-]{1,64}; anything else is not recorded. */
    private static String principal(String name) {
        // a gateway key name, or a service's own principal (ServiceCallSigner)
        return name != null && name.matches("(service:)?[A-Za-z0-9._@-]{1,64}") ? name : null;
    }

    private static Map<String, String> checkedTags(Map<String, String> tags) {
        if (tags == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > MAX_TAG_KEY || tag.getKey().contains(":")) {
                throw ProblemException.badField("tags", "keys must be 1 to " + MAX_TAG_KEY
                        + " characters without ':' ('" + tag.getKey() + "')");
            }
            rejectNul("tags", tag.getKey());
            rejectNul("tags." + tag.getKey(), tag.getValue());
            if (tag.getValue() == null || tag.getValue().length() > MAX_TAG_VALUE) {
                throw ProblemException.badField("tags." + tag.getKey(), "must be a string of at most "
                        + MAX_TAG_VALUE + " characters");
            }
        }
        return new TreeMap<>(tags);
    }

    private String requestHash(String kind, JsonNode params, Map<String, String> tags) {
        ObjectNode canonical = json.createObjectNode();
        canonical.put("kind", kind);
        canonical.set("params", params);
        canonical.set("tags", json.valueToTree(tags));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.mlsyslab.platform.runs.api;

import io.mlsyslab.contract.ArtifactList;
import io.mlsyslab.contract.CreateRunRequest;
import io.mlsyslab.contract.MetricPoint;
import io.mlsyslab.contract.MetricSeries;
import io.mlsyslab.contract.Run;
import io.mlsyslab.contract.RunHeaders;
import io.mlsyslab.contract.RunList;
import io.mlsyslab.contract.RunStatus;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.runs.RunRepository;
import io.mlsyslab.platform.runs.RunService;
import io.mlsyslab.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The run API every service offers under {@code /api/<service>} (ARCHITECTURE §4). */
@RestController
@RequestMapping("${mlsyslab.api-prefix}")
@Tag(name = "runs", description = "Experiment runs: create, follow, list, cancel, metrics and artifacts")
public class RunController {

    /** Body of {@code GET run-kinds}. */
    public record KindList(List<RunKindRegistry.KindInfo> kinds) {}

    // the other bodies (Run, RunList, MetricSeries, ArtifactList, ...) are platform-api's wire records

    private final RunService runs;
    private final RunKindRegistry kinds;
    private final RunEventStreams events;
    private final String prefix;

    public RunController(RunService runs, RunKindRegistry kinds, RunEventStreams events,
            @org.springframework.beans.factory.annotation.Value("${mlsyslab.api-prefix}") String prefix) {
        this.runs = runs;
        this.kinds = kinds;
        this.events = events;
        this.prefix = prefix;
    }

    @GetMapping("/run-kinds")
    @Operation(summary = "Run kinds of this service with the JSON Schema and defaults of their params")
    public KindList runKinds() {
        return new KindList(kinds.describe());
    }

    @PostMapping("/runs")
    @Operation(summary = "Queue a run; repeat-safe with an Idempotency-Key header")
    public ResponseEntity<Run> create(@Valid @RequestBody CreateRunRequest request,
            @RequestHeader(name = RunHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest http) {
        // the creator is the caller SignedCallerFilter verified, never an X-Lab-Principal header as sent
        RunService.Created created = runs.create(request, idempotencyKey, Caller.of(http).principal());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(prefix + "/runs/" + created.run().id()))
                .header(RunHeaders.IDEMPOTENT_REPLAYED, Boolean.toString(created.replayed()))
                .body(created.run());
    }

    @GetMapping("/runs")
    @Operation(summary = "List runs, newest first; filter by kind, status and tag=key:value; page with pageToken")
    public RunList list(@RequestParam(required = false) String kind,
            @RequestParam(required = false) RunStatus status,
            @RequestParam(name = "tag", required = false) List<String> declaredTags,
            @RequestParam(required = false) Integer pageSize,
            @RequestParam(required = false) String pageToken,
            HttpServletRequest request) {
        // each tag= parameter is one key:value filter, read as sent: Spring's binding of declaredTags (kept for the
        // OpenAPI description and RunsApi's contract) splits a lone value at its commas, so a tag whose value holds
        // a comma could never be found
        String[] tagParams = request.getParameterValues("tag");
        List<String> tags = tagParams == null ? null : List.of(tagParams);
        RunService.Page page = runs.list(kind, status, tags, pageSize, pageToken);
        return new RunList(page.runs(), page.nextPageToken());
    }

    @GetMapping("/runs/{id}")
    public Run get(@PathVariable UUID id) {
        return runs.get(id);
    }

    @PostMapping("/runs/{id}/cancel")
    @Operation(summary = "Cancel a queued or running run (409 if it already ended; 403 unless its creator or an admin)")
    public Run cancel(@PathVariable UUID id, HttpServletRequest http) {
        return runs.cancel(id, Caller.of(http));
    }

    @GetMapping("/runs/{id}/metrics")
    @Operation(summary = "Metric series of a run (all, or ?name=), at most ?limit= points in all (default 1,000,000)")
    public MetricSeries metrics(@PathVariable UUID id, @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer limit) {
        Map<String, List<MetricPoint>> series = new java.util.LinkedHashMap<>();
        runs.metrics(id, name, limit).forEach((metric, points) -> series.put(metric,
                points.stream().map(p -> new MetricPoint(p.step(), p.value(), p.time())).toList()));
        Map<String, Long> counts = runs.metricCounts(id, name);
        counts.keySet().retainAll(series.keySet());
        return new MetricSeries(series, counts);
    }

    @GetMapping(path = "/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: the run each time its status or progress changes, until it ends")
    public SseEmitter events(@PathVariable UUID id) {
        return events.open(runs.get(id));
    }

    @GetMapping("/runs/{id}/artifacts")
    public ArtifactList artifacts(@PathVariable UUID id) {
        return new ArtifactList(runs.artifacts(id));
    }

    @GetMapping("/runs/{id}/artifacts/{name}")
    public ResponseEntity<byte[]> artifact(@PathVariable UUID id, @PathVariable String name) {
        RunRepository.Artifact artifact = runs.artifact(id, name);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(artifact.contentType()))
                .body(artifact.bytes());
    }
}

package io.mlsyslab.platform.clients;

import io.mlsyslab.contract.ArtifactList;
import io.mlsyslab.contract.CreateRunRequest;
import io.mlsyslab.contract.MetricSeries;
import io.mlsyslab.contract.Run;
import io.mlsyslab.contract.RunHeaders;
import io.mlsyslab.contract.RunList;
import io.mlsyslab.contract.RunStatus;
import io.mlsyslab.platform.runs.api.RunController;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The run API every service serves under {@code /api/<service>} ({@link RunController}), as one declarative HTTP
 * interface: {@link RunsClient} calls other services through it, and {@code RunsApiContractTest} holds it and the
 * controller to the same paths, methods and headers. The bodies are platform-api's wire records ({@code Run},
 * {@code RunList}, {@code MetricSeries}, {@code ArtifactList}, {@code CreateRunRequest}) except the run-kind listing,
 * which carries platform-core's schema description; header names come from platform-api's {@link RunHeaders}.
 */
@HttpExchange("/api/{service}")
public interface RunsApi {

    @GetExchange("/run-kinds")
    RunController.KindList runKinds(@PathVariable("service") String service);

    @PostExchange("/runs")
    Run create(@PathVariable("service") String service, @RequestBody CreateRunRequest request,
            @RequestHeader(name = RunHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey);

    @GetExchange("/runs")
    RunList list(@PathVariable("service") String service,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "status", required = false) RunStatus status,
            @RequestParam(name = "tag", required = false) List<String> tags,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "pageToken", required = false) String pageToken);

    @GetExchange("/runs/{id}")
    Run run(@PathVariable("service") String service, @PathVariable("id") UUID id);

    @PostExchange("/runs/{id}/cancel")
    Run cancel(@PathVariable("service") String service, @PathVariable("id") UUID id);

    @GetExchange("/runs/{id}/metrics")
    MetricSeries metrics(@PathVariable("service") String service, @PathVariable("id") UUID id,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "limit", required = false) Integer limit);

    @GetExchange("/runs/{id}/artifacts")
    ArtifactList artifacts(@PathVariable("service") String service, @PathVariable("id") UUID id);

    @GetExchange("/runs/{id}/artifacts/{name}")
    byte[] artifact(@PathVariable("service") String service, @PathVariable("id") UUID id,
            @PathVariable("name") String name);
}

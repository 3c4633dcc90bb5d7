package io.mlsyslab.platform.clients;

import io.mlsyslab.contract.ArtifactInfo;
import io.mlsyslab.contract.ArtifactList;
import io.mlsyslab.contract.CreateRunRequest;
import io.mlsyslab.contract.MetricPoint;
import io.mlsyslab.contract.MetricSeries;
import io.mlsyslab.contract.Run;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.security.ServiceCallSigner;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Calls another service's run API through {@link RunsApi}, e.g. so analytics can estimate the density of
 * inference's time-to-first-token samples, or a service can queue a run in another. Failures become problems the
 * caller can pass on: an unknown service is a 400 naming {@code service}, an unknown run a 404, a refused request
 * the other service's 4xx as a 502, an unreachable service a 503.
 */
public class RunsClient {

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private final ServicesProperties properties;
    private final ServiceCallSigner signer;
    private final Map<String, RunsApi> clients = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param signer signs every call as this service ({@code service:<name>}), so the other service lets it in */
    public RunsClient(ServicesProperties properties, ServiceCallSigner signer) {
        this.properties = properties;
        this.signer = signer;
    }

    public Run run(String service, UUID id) {
        return call(service, id, () -> api(service).run(service, id));
    }

    /**
     * The first {@code limit} points of the metric series {@code name} of a run, ordered by step (empty if the run
     * never reported it). Ask for one more than you accept to learn whether a series is longer.
     */
    public List<MetricPoint> metric(String service, UUID id, String name, int limit) {
        MetricSeries series = call(service, id, () -> api(service).metrics(service, id, name, limit));
        return series == null || series.series() == null ? List.of() : series.series().getOrDefault(name, List.of());
    }

    /**
     * The full length of the metric series {@code name} of a run (0 if the run never reported it), fetching one
     * point only; empty when the service does not report lengths. An unknown run is a 404 problem.
     */
    public java.util.OptionalLong metricLength(String service, UUID id, String name) {
        MetricSeries series = call(service, id, () -> api(service).metrics(service, id, name, 1));
        if (series == null || series.counts() == null) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(series.counts().getOrDefault(name, 0L));
    }

    /**
     * Queues a run of {@code kind} in {@code service}; the same {@code idempotencyKey} (may be null) returns the
     * first run again instead of a second one.
     */
    public Run create(String service, String kind, Map<String, Object> params, Map<String, String> tags,
            String idempotencyKey) {
        tools.jackson.databind.JsonNode paramsNode = params == null ? null : JSON.valueToTree(params);
        return call(service, null, () -> api(service).create(service, new CreateRunRequest(kind, paramsNode, tags),
                idempotencyKey));
    }

    /** The artifacts a run stored (name, content type, size). */
    public List<ArtifactInfo> artifacts(String service, UUID id) {
        ArtifactList list = call(service, id, () -> api(service).artifacts(service, id));
        return list == null || list.artifacts() == null ? List.of() : list.artifacts();
    }

    /** The bytes of one artifact of a run, e.g. {@code result.json} or {@code chart.svg}. */
    public byte[] artifact(String service, UUID id, String name) {
        return call(service, id, () -> api(service).artifact(service, id, name));
    }

    private <T> T call(String service, UUID id, Supplier<T> request) {
        String what = id == null ? "" : " for run " + id;
        try {
            return request.get();
        } catch (HttpClientErrorException.NotFound e) {
            throw ProblemException.notFound(id == null ? "service '" + service + "' answered 404"
                    : "service '" + service + "' has no run " + id);
        } catch (RestClientResponseException e) {
            throw new ProblemException(502, "Bad gateway", "service '" + service + "' answered "
                    + e.getStatusCode().value() + what, Map.of());
        } catch (ResourceAccessException e) {
            throw new ProblemException(503, "Service unavailable", "service '" + service + "' is unreachable: "
                    + e.getMostSpecificCause().getMessage(), Map.of());
        }
    }

    private RunsApi api(String service) {
        return clients.computeIfAbsent(service, this::create);
    }

    private RunsApi create(String service) {
        String url = properties.urls().get(service);
        if (url == null) {
            throw ProblemException.badField("service", "unknown service '" + service + "'; known: "
                    + properties.urls().keySet());
        }
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.connectTimeout());
        factory.setReadTimeout(properties.readTimeout());
        RestClient client = RestClient.builder().baseUrl(url).requestFactory(factory)
                .requestInterceptor(signer.interceptor()).build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(RunsApi.class);
    }
}

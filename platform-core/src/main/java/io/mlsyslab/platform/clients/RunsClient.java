package io.mlsyslab.platform.clients;

import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.Run;
import io.mlsyslab.platform.runs.api.RunController;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads runs and metric series of another service through its run API, e.g. so analytics can estimate the density
 * of inference's time-to-first-token samples. Failures become problems the caller can pass on: an unknown service
 * or run is a 404 naming the field, an unreachable service a 503.
 */
public class RunsClient {

    private final ServicesProperties properties;
    private final Map<String, RestClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    public RunsClient(ServicesProperties properties) {
        this.properties = properties;
    }

    public Run run(String service, UUID id) {
        return call(service, id, client -> client.get().uri("/api/{s}/runs/{id}", service, id).retrieve()
                .body(Run.class));
    }

    /**
     * The first {@code limit} points of the metric series {@code name} of a run, ordered by step (empty if the run
     * never reported it). Ask for one more than you accept to learn whether a series is longer.
     */
    public List<RunController.MetricPoint> metric(String service, UUID id, String name, int limit) {
        RunController.MetricSeries series = call(service, id, client -> client.get()
                .uri("/api/{s}/runs/{id}/metrics?name={n}&limit={l}", service, id, name, limit).retrieve()
                .body(RunController.MetricSeries.class));
        return series == null || series.series() == null ? List.of() : series.series().getOrDefault(name, List.of());
    }

    private <T> T call(String service, UUID id, java.util.function.Function<RestClient, T> request) {
        RestClient client = clients.computeIfAbsent(service, this::create);
        try {
            return request.apply(client);
        } catch (HttpClientErrorException.NotFound e) {
            throw ProblemException.notFound("service '" + service + "' has no run " + id);
        } catch (RestClientResponseException e) {
            throw new ProblemException(502, "Bad gateway", "service '" + service + "' answered "
                    + e.getStatusCode().value() + " for run " + id, Map.of());
        } catch (ResourceAccessException e) {
            throw new ProblemException(503, "Service unavailable", "service '" + service + "' is unreachable: "
                    + e.getMostSpecificCause().getMessage(), Map.of());
        }
    }

    private RestClient create(String service) {
        String url = properties.urls().get(service);
        if (url == null) {
            throw ProblemException.badField("service", "unknown service '" + service + "'; known: "
                    + properties.urls().keySet());
        }
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.connectTimeout());
        factory.setReadTimeout(properties.readTimeout());
        return RestClient.builder().baseUrl(url).requestFactory(factory).build();
    }
}

package io.mlsyslab.platform.clients;

import io.mlsyslab.contract.ServiceCatalogue;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the other services are, for service-to-service calls inside the platform (not through the gateway), under
 * {@code mlsyslab.services}: e.g. {@code mlsyslab.services.urls.inference=http://inference:8082}
 * ({@code MLSYSLAB_SERVICES_URLS_INFERENCE}).
 *
 * @param urls base URL per service name; a service not listed is on localhost at its {@link ServiceCatalogue} port
 * @param connectTimeout TCP connect limit
 * @param readTimeout limit for a whole response
 */
@ConfigurationProperties("mlsyslab.services")
public record ServicesProperties(
        Map<String, String> urls,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    public ServicesProperties {
        // a service not configured is on localhost at its catalogue port
        Map<String, String> all = new java.util.LinkedHashMap<>();
        ServiceCatalogue.services().forEach(s -> all.put(s.name(), s.url("localhost")));
        if (urls != null) {
            all.putAll(urls);
        }
        urls = Map.copyOf(all);
    }
}

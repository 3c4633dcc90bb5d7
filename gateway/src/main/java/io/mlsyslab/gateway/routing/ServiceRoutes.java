package io.mlsyslab.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.gateway.config.GatewayProperties;
import io.mlsyslab.gateway.config.ServiceTargets;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The routes of every service in platform-api's {@code ServiceCatalogue}, to the base URL {@link ServiceTargets}
 * resolved for it (nothing in configuration lists the services). Two routes per service: {@code /api/<name>/**} forwarded with its path unchanged (absolute Location
 * headers pointing at the service are turned into gateway URLs), and
 * {@code /docs/api/<name>} mapped to the service's springdoc document {@code /v3/api-docs} for the docs UI. Both
 * share the service's circuit breaker and response-start timeout, and retry a GET once on a connection the service
 * closed before answering ({@link IdempotentRetry}). A service's slow routes
 * ({@code mlsyslab.gateway.upstream.slow-routes}) go ahead of its catch-all route; a slow route under a path that
 * names no catalogue service fails the start-up instead of being ignored.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRoutes.class);

    /** Where a service serves its OpenAPI document (springdoc's default). */
    static final String SERVICE_API_DOCS = "/v3/api-docs";

    @Bean
    RouteLocator serviceRouteLocator(RouteLocatorBuilder builder, GatewayProperties properties,
                                     ServiceTargets targets, CircuitBreakerRegistry breakers) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        GatewayProperties.Upstream upstream = properties.upstream();
        ServiceTargets.checkUnderCatalogueServices(
                upstream.slowRoutes().stream().map(GatewayProperties.SlowRoute::path).toList(),
                "mlsyslab.gateway.upstream.slow-routes");
        for (Map.Entry<String, URI> service : targets.urls().entrySet()) {
            String name = service.getKey();
            String uri = service.getValue().toString();
            UpstreamGuard guard = new UpstreamGuard(name, breakers.circuitBreaker(name),
                    upstream.responseStartTimeoutOf(name), properties.circuitBreaker().openWait());
            Map<String, Object> timeouts = Map.of(
                    RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) upstream.connectTimeout().toMillis(),
                    RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, upstream.responseStartTimeoutOf(name).toMillis());
            LocationRewrite location = new LocationRewrite(service.getValue());
            IdempotentRetry retry = new IdempotentRetry(name);
            List<GatewayProperties.SlowRoute> slow = upstream.slowRoutesOf(name);
            for (int i = 0; i < slow.size(); i++) {
                GatewayProperties.SlowRoute route = slow.get(i);
                UpstreamGuard slowGuard = new UpstreamGuard(name, breakers.circuitBreaker(name), route.timeout(),
                        properties.circuitBreaker().openWait());
                // ahead of the service's catch-all route, which has the default order 0
                routes.route(name + "-slow-" + i, r -> r.order(-1).path(route.path())
                        .filters(f -> f.filter(slowGuard).filter(retry).filter(location))
                        .metadata(Map.of(
                                RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) upstream.connectTimeout().toMillis(),
                                RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, route.timeout().toMillis()))
                        .uri(uri));
                LOG.info("route {} -> {} (slow route, response-start timeout {} ms)", route.path(), uri,
                        route.timeout().toMillis());
            }
            String prefix = ServiceCatalogue.find(name).orElseThrow().routePrefix();
            routes.route(name, r -> r.path(prefix + "/**")
                    .filters(f -> f.filter(guard).filter(retry).filter(location))
                    .metadata(timeouts)
                    .uri(uri));
            routes.route(name + "-docs", r -> r.path(docsPath(name)).and().method(HttpMethod.GET, HttpMethod.HEAD)
                    // springdoc writes the servers URL from the Host it sees: keep the gateway's, so that
                    // "Try it out" in the docs UI calls the gateway and not the service directly
                    .filters(f -> f.setPath(SERVICE_API_DOCS).preserveHostHeader().filter(guard).filter(retry))
                    .metadata(timeouts)
                    .uri(uri));
            LOG.info("route {}/** and {} -> {} (response-start timeout {} ms)", prefix, docsPath(name), uri,
                    upstream.responseStartTimeoutOf(name).toMillis());
        }
        return routes.build();
    }

    /** Gateway path of a service's OpenAPI document. */
    public static String docsPath(String service) {
        return "/docs/api/" + service;
    }
}

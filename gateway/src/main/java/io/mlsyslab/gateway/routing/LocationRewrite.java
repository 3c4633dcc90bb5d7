package io.mlsyslab.gateway.routing;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service that answers with an absolute {@code Location} built from its own address (e.g. a 202 for a new run)
 * would send clients around the gateway; such a Location is rewritten to the origin the client used. Relative
 * Locations and Locations pointing elsewhere are left alone.
 */
final class LocationRewrite implements GatewayFilter {

    private final String serviceOrigin;

    LocationRewrite(URI serviceBase) {
        this.serviceOrigin = origin(serviceBase);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            String location = headers.getFirst(HttpHeaders.LOCATION);
            if (location != null && startsWithOrigin(location)) {
                String clientOrigin = origin(exchange.getRequest().getURI());
                headers.set(HttpHeaders.LOCATION, clientOrigin + location.substring(serviceOrigin.length()));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private boolean startsWithOrigin(String location) {
        if (!location.regionMatches(true, 0, serviceOrigin, 0, serviceOrigin.length())) {
            return false;
        }
        // "http://host:80" must not match "http://host:8081/..."
        return location.length() == serviceOrigin.length() || "/?#".indexOf(location.charAt(serviceOrigin.length())) >= 0;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}

package io.mlsyslab.gateway.cors;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.config.GatewayProperties;
import io.mlsyslab.gateway.errors.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for browser clients, answered by the gateway for every path (preflights never reach a service and need no
 * key). Off unless origins are configured. Unlike Spring's CorsWebFilter, a refused origin gets problem+json.
 */
@Component
public class CorsFilter implements WebFilter, Ordered {

    private final CorsConfiguration config;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    public CorsFilter(GatewayProperties properties) {
        GatewayProperties.Cors cors = properties.cors();
        if (cors.allowedOrigins().isEmpty()) {
            this.config = null;
            return;
        }
        CorsConfiguration c = new CorsConfiguration();
        cors.allowedOrigins().forEach(origin -> {
            if (origin.contains("*")) {
                c.addAllowedOriginPattern(origin);
            } else {
                c.addAllowedOrigin(origin);
            }
        });
        c.setAllowedMethods(cors.allowedMethods());
        c.setAllowedHeaders(cors.allowedHeaders());
        c.setExposedHeaders(cors.exposedHeaders());
        c.setAllowCredentials(cors.allowCredentials());
        c.setMaxAge(cors.maxAge());
        this.config = c;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (config == null || !CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (!processor.process(config, exchange)) {
            return Mono.error(GatewayProblem.forbidden("Cross-origin request from "
                    + exchange.getRequest().getHeaders().getOrigin() + " is not allowed"));
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.CORS;
    }
}

package io.mlsyslab.gateway.limits;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The service APIs are REST: TRACE, CONNECT and invented methods never reach a service and get 405 with the
 * methods that exist. (Methods a role does not allow get 403 from the key check instead.)
 */
@Component
public class MethodFilter implements WebFilter, Ordered {

    static final Set<String> API_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String method = exchange.getRequest().getMethod().name();
        if (!API_METHODS.contains(method) && exchange.getRequest().getPath().value().startsWith("/api/")) {
            return Mono.error(new GatewayProblem(405, "Method " + method + " is not supported by the service APIs",
                    Map.of(HttpHeaders.ALLOW, ALLOW)));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.METHOD;
    }
}

package io.mlsyslab.gateway.auth;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Authorization: Bearer <key>} on everything but {@link PublicPaths}: 401 for a missing or unknown key, 403
 * when the key's role does not allow the method. The secret stops here: services receive the key's name and role
 * instead, signed ({@link ForwardedPrincipal}), never the credential. The key itself was looked up by
 * {@link CallerFilter}.
 */
@Component
public class ApiKeyFilter implements WebFilter, Ordered {

    private final ForwardedPrincipal forwarded;

    public ApiKeyFilter(ForwardedPrincipal forwarded) {
        this.forwarded = forwarded;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (PublicPaths.isPublic(request)) {
            return chain.filter(exchange.mutate().request(forwarded.anonymous(request)).build());
        }
        ApiKey key = CallerFilter.keyOf(exchange);
        if (key == null) {
            return Mono.error(GatewayProblem.unauthorized(
                    whyUnauthenticated(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))));
        }
        String method = request.getMethod().name();
        if (!key.role().permits(method)) {
            return Mono.error(GatewayProblem.forbidden("API key '" + key.name() + "' has role " + key.role().label()
                    + ", which does not allow " + method));
        }
        return chain.filter(exchange.mutate().request(forwarded.signedFor(request, key)).build());
    }

    private static String whyUnauthenticated(String authorization) {
        if (authorization == null) {
            return "Missing API key: send Authorization: Bearer <key>";
        }
        return CallerFilter.bearerSecret(authorization).isEmpty() ? "Authorization must be 'Bearer <key>'"
                : "Unknown API key";
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUTH;
    }
}

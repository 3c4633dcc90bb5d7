package io.mlsyslab.gateway.auth;

import io.mlsyslab.gateway.config.FilterOrder;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Finds out who is calling before anything decides what they may do: a valid {@code Authorization: Bearer <key>}
 * puts its {@link ApiKey} on the exchange, for the rate limiter (the key's bucket), the key check and the access log.
 * Without a valid key the caller stays anonymous, known only by its address. Refuses nothing itself: that is
 * {@link ApiKeyFilter}'s job, after the rate limiter, so that callers without a valid key are rate-limited too.
 */
@Component
public class CallerFilter implements WebFilter, Ordered {

    private static final String KEY_ATTRIBUTE = CallerFilter.class.getName() + ".key";
    private static final String BEARER = "bearer ";

    private final ApiKeyRegistry keys;

    public CallerFilter(ApiKeyRegistry keys) {
        this.keys = keys;
    }

    /** The caller's valid key, or null for an anonymous caller. */
    public static ApiKey keyOf(ServerWebExchange exchange) {
        return exchange.getAttribute(KEY_ATTRIBUTE);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            bearerSecret(authorization).flatMap(keys::authenticate)
                    .ifPresent(key -> exchange.getAttributes().put(KEY_ATTRIBUTE, key));
        }
        return chain.filter(exchange);
    }

    /** The secret of a {@code Bearer} Authorization header, empty for any other scheme or shape. */
    static Optional<String> bearerSecret(String authorization) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }

    @Override
    public int getOrder() {
        return FilterOrder.CALLER;
    }
}

package io.mlsyslab.gateway.auth;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import java.util.Optional;
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
 * instead (headers {@value #PRINCIPAL_HEADER} and {@value #ROLE_HEADER}), never the credential.
 */
@Component
public class ApiKeyFilter implements WebFilter, Ordered {

    public static final String KEY_ATTRIBUTE = ApiKeyFilter.class.getName() + ".key";
    public static final String KEY_NAME_ATTRIBUTE = ApiKeyFilter.class.getName() + ".keyName";
    public static final String PRINCIPAL_HEADER = "X-Lab-Principal";
    public static final String ROLE_HEADER = "X-Lab-Role";
    private static final String BEARER = "bearer ";

    private final ApiKeyRegistry keys;

    public ApiKeyFilter(ApiKeyRegistry keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (PublicPaths.isPublic(request)) {
            ServerHttpRequest anonymous = request.mutate().headers(headers -> {
                headers.remove(PRINCIPAL_HEADER);
                headers.remove(ROLE_HEADER);
            }).build();
            return chain.filter(exchange.mutate().request(anonymous).build());
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Mono.error(GatewayProblem.unauthorized("Missing API key: send Authorization: Bearer <key>"));
        }
        Optional<String> secret = bearerSecret(authorization);
        if (secret.isEmpty()) {
            return Mono.error(GatewayProblem.unauthorized("Authorization must be 'Bearer <key>'"));
        }
        Optional<ApiKey> found = secret.flatMap(keys::authenticate);
        if (found.isEmpty()) {
            return Mono.error(GatewayProblem.unauthorized("Unknown API key"));
        }
        ApiKey key = found.get();
        exchange.getAttributes().put(KEY_NAME_ATTRIBUTE, key.name());
        String method = request.getMethod().name();
        if (!key.role().permits(method)) {
            return Mono.error(GatewayProblem.forbidden("API key '" + key.name() + "' has role " + key.role().label()
                    + ", which does not allow " + method));
        }
        exchange.getAttributes().put(KEY_ATTRIBUTE, key);
        ServerHttpRequest forwarded = request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.set(PRINCIPAL_HEADER, key.name());
            headers.set(ROLE_HEADER, key.role().label());
        }).build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    private static Optional<String> bearerSecret(String authorization) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUTH;
    }
}

package io.mlsyslab.gateway.auth;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What anyone may read without a key: the docs (UI, its assets and the services' OpenAPI documents) and the
 * gateway's own probes and metrics. Reading only: other methods on these paths still need a key.
 */
final class PublicPaths {

    private static final List<PathPattern> PATTERNS = List.of(
            "/docs", "/docs/**", "/swagger-ui/**", "/webjars/**", "/v3/api-docs/**",
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
            .stream().map(PathPatternParser.defaultInstance::parse).toList();

    private PublicPaths() {
    }

    static boolean isPublic(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        PathContainer path = request.getPath().pathWithinApplication();
        return PATTERNS.stream().anyMatch(p -> p.matches(path));
    }
}

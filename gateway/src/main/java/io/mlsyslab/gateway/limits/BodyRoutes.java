package io.mlsyslab.gateway.limits;

import io.mlsyslab.gateway.config.GatewayProperties;
import io.mlsyslab.gateway.config.ServiceTargets;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What the gateway does with a request body on a path: its size limit ({@code max-request-body}, or the first
 * matching {@code body-limits} route) and whether it is buffered or streamed. Routes with their own limit are the
 * data plane's large uploads (hundreds of MB), streamed to the service so the gateway never holds them in memory;
 * every other body is small enough to be read whole before the service is called.
 */
@Component
@EnableConfigurationProperties(RouteBodyLimits.class)
public class BodyRoutes {

    private final long defaultMaxBytes;
    private final List<PathPattern> routes;
    private final long[] routeMaxBytes;

    public BodyRoutes(GatewayProperties properties, RouteBodyLimits routeLimits) {
        this.defaultMaxBytes = properties.maxRequestBody().toBytes();
        ServiceTargets.checkUnderCatalogueServices(
                routeLimits.bodyLimits().stream().map(RouteBodyLimits.Route::path).toList(), "mlsyslab.gateway.body-limits");
        this.routes = routeLimits.bodyLimits().stream()
                .map(r -> PathPatternParser.defaultInstance.parse(r.path())).toList();
        this.routeMaxBytes = routeLimits.bodyLimits().stream().mapToLong(r -> r.max().toBytes()).toArray();
    }

    /** Largest body accepted on this path. */
    public long limitOf(PathContainer path) {
        int route = routeOf(path);
        return route < 0 ? defaultMaxBytes : routeMaxBytes[route];
    }

    /** Whether a body on this path flows through to the service as it arrives instead of being read first. */
    public boolean isStreamed(PathContainer path) {
        return routeOf(path) >= 0;
    }

    private int routeOf(PathContainer path) {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).matches(path)) {
                return i;
            }
        }
        return -1;
    }
}

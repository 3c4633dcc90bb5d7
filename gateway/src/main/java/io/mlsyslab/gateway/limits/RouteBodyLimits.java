package io.mlsyslab.gateway.limits;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Per-route request body limits ({@code mlsyslab.gateway.body-limits[i].path} / {@code .max}) that replace the
 * global {@code max-request-body} on their paths, e.g. storage's KV appends of tens of MB, without opening every
 * service to large bodies. The first matching route wins.
 *
 * @param bodyLimits routes with their own limit
 */
@ConfigurationProperties("mlsyslab.gateway")
public record RouteBodyLimits(List<Route> bodyLimits) {

    public RouteBodyLimits {
        bodyLimits = bodyLimits == null ? List.of() : List.copyOf(bodyLimits);
    }

    /**
     * @param path gateway path pattern under {@code /api/<service>/} (Spring path pattern)
     * @param max  largest body accepted on that path
     */
    public record Route(String path, DataSize max) {
        public Route {
            if (path == null || !path.matches("/api/[a-z0-9-]+/.+")) {
                throw new IllegalArgumentException("mlsyslab.gateway.body-limits: path must lie under "
                        + "/api/<service>/, got " + path);
            }
            if (max == null || max.toBytes() < 1) {
                throw new IllegalArgumentException("mlsyslab.gateway.body-limits: max of " + path + " must be > 0");
            }
        }
    }
}

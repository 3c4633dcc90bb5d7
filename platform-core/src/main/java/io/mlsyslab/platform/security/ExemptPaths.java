package io.mlsyslab.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * What a service answers without a principal signature: probes, metrics and info for the orchestrator and
 * Prometheus, and the OpenAPI document the gateway's docs UI loads; reads only. The path is the one the servlet
 * container decoded and normalised (dot segments and {@code ;} parameters removed), the one Spring dispatches on,
 * so {@code /actuator/health/..;/env} cannot pass for a probe.
 */
final class ExemptPaths {

    private static final List<String> EXACT = List.of("/actuator/health", "/actuator/prometheus", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs.yaml");
    private static final List<String> PREFIXES = List.of("/actuator/health/", "/v3/api-docs/");

    private ExemptPaths() {}

    static boolean isExempt(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return EXACT.contains(path) || PREFIXES.stream().anyMatch(path::startsWith);
    }
}

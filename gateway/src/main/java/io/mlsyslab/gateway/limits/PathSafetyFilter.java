package io.mlsyslab.gateway.limits;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths whose segments, once decoded, are dot segments or hide a slash, a backslash or a control character
 * ({@code /api/storage/..%2F..%2Factuator}, {@code /actuator/health/..%2Fenv}, {@code /api/x/..;/y}) with 400. The
 * gateway matches routes and public paths on the undecoded path, while a service decodes and normalises it: such a
 * path could match one thing here and mean another there. No API of the lab needs them.
 */
@Component
public class PathSafetyFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        for (PathContainer.Element element : exchange.getRequest().getPath().elements()) {
            if (element instanceof PathContainer.PathSegment segment && isUnsafe(segment.valueToMatch())) {
                return Mono.error(new GatewayProblem(400, "Path segments may not be '.' or '..' nor contain encoded "
                        + "slashes, backslashes or control characters"));
            }
        }
        return chain.filter(exchange);
    }

    private static boolean isUnsafe(String decoded) {
        if (decoded.equals(".") || decoded.equals("..")) {
            return true;
        }
        return decoded.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
    }

    @Override
    public int getOrder() {
        return FilterOrder.PATH_SAFETY;
    }
}

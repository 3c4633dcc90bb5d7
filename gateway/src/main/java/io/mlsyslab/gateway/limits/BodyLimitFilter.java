package io.mlsyslab.gateway.limits;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above {@code mlsyslab.gateway.max-request-body} with 413. A declared Content-Length is
 * checked before anything is forwarded; a chunked body is counted while it streams through and fails the exchange
 * as soon as it crosses the limit (before {@link BodyDeadlineFilter} buffers it, or while it streams to the
 * service). Routes listed in {@code mlsyslab.gateway.body-limits} have their own limit ({@link BodyRoutes}).
 */
@Component
public class BodyLimitFilter implements WebFilter, Ordered {

    private final BodyRoutes bodyRoutes;

    public BodyLimitFilter(BodyRoutes bodyRoutes) {
        this.bodyRoutes = bodyRoutes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long maxBytes = bodyRoutes.limitOf(request.getPath().pathWithinApplication());
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge(maxBytes, declared + " bytes declared"));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(maxBytes, "more than that sent"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static GatewayProblem tooLarge(long maxBytes, String what) {
        return GatewayProblem.payloadTooLarge("Request body exceeds the limit of " + maxBytes + " bytes (" + what + ")");
    }

    @Override
    public int getOrder() {
        return FilterOrder.BODY_LIMIT;
    }
}

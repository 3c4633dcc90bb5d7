package io.mlsyslab.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;

import io.mlsyslab.gateway.limits.BodyDeadlineFilter;
import io.mlsyslab.gateway.requestid.RequestIds;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Sends a GET or HEAD once more when the service's connection closed before any byte of an answer arrived. The
 * common case is a pooled keep-alive connection that the service closed just as the gateway reused it: a race no
 * client should see as a 503. Reactor Netty retries by itself only while the request has not been written; after
 * that, only the method says whether sending it again is safe, and GET and HEAD are. Nothing else is retried: a
 * refused connection (the service is down), a timeout (it is slow or hung), any answer at all, other methods (they
 * may have had effects) and streamed bodies (they cannot be sent twice). Runs inside {@link UpstreamGuard}, so the
 * breaker records only the outcome: a retry that succeeds is one successful call.
 */
final class IdempotentRetry implements GatewayFilter, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRetry.class);

    private final String service;

    IdempotentRetry(String service) {
        this.service = service;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean idempotent = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (!idempotent || BodyDeadlineFilter.hasStreamedBody(exchange)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).onErrorResume(error -> closedBeforeAnswer(exchange, error), error -> {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, RequestIds.of(exchange))) {
                LOG.info("{} {} -> service '{}' closed the connection before answering ({}); sending it once more",
                        method, exchange.getRequest().getPath().value(), service, error.toString());
            }
            ServerWebExchangeUtils.reset(exchange);
            return chain.filter(exchange);
        });
    }

    /** The connection broke after the request went out and before the answer's first byte came back. */
    private static boolean closedBeforeAnswer(ServerWebExchange exchange, Throwable error) {
        if (exchange.getAttribute(CLIENT_RESPONSE_ATTR) != null || exchange.getResponse().isCommitted()) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PrematureCloseException || t instanceof AbortedException
                    || (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    /** Right inside the breaker guard, so that the guard sees one call whatever happens here. */
    @Override
    public int getOrder() {
        return UpstreamGuard.ORDER + 1;
    }
}

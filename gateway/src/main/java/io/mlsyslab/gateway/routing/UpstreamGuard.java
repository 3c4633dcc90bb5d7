package io.mlsyslab.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mlsyslab.gateway.errors.GatewayProblem;
import io.mlsyslab.gateway.limits.BodyDeadlineFilter;
import io.mlsyslab.gateway.requestid.RequestIds;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Circuit breaker around one service, recording each call when the service's response starts (its headers
 * arrive), not when the body ends: an SSE stream that runs for an hour is one successful call, and a breaker never
 * cuts a stream. Placed after the response writer in the chain, so the wrapped part is exactly "connect, send,
 * wait for headers", which the route's response-start timeout bounds. Whatever goes wrong in that part (refused
 * connection, timeout, open breaker) becomes 503 problem+json. Only the service's own failures are recorded: what
 * the client caused (its body too large, too slow or broken off; its going away) releases the call unrecorded, and so
 * does every answer but 502-504, 4xx included.
 */
final class UpstreamGuard implements GatewayFilter, Ordered {

    /** Right after the response writer: what this guard wraps ends when the service's answer starts. */
    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamGuard.class);

    private final String service;
    private final CircuitBreaker breaker;
    private final Duration responseStartTimeout;
    private final Duration openWait;

    UpstreamGuard(String service, CircuitBreaker breaker, Duration responseStartTimeout, Duration openWait) {
        this.service = service;
        this.breaker = breaker;
        this.responseStartTimeout = responseStartTimeout;
        this.openWait = openWait;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!breaker.tryAcquirePermission()) {
            return Mono.error(new GatewayProblem(503, "Service '" + service
                    + "' is failing; its circuit breaker is open, calls are refused for now",
                    Map.of("Retry-After", Long.toString(Math.max(1, openWait.toSeconds())))));
        }
        long start = breaker.getCurrentTimestamp();
        AtomicBoolean settled = new AtomicBoolean();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    if (settled.compareAndSet(false, true)) {
                        recordResponse(exchange.getResponse().getStatusCode(), start);
                    }
                })
                .onErrorResume(error -> {
                    if (!settled.compareAndSet(false, true)) {
                        return Mono.error(error);
                    }
                    GatewayProblem clientFault = clientFault(exchange, error);
                    if (clientFault != null) {
                        breaker.releasePermission();
                        return Mono.error(clientFault);
                    }
                    breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), error);
                    logFailure(exchange, error);
                    return Mono.error(GatewayProblem.serviceUnavailable(describe(error)));
                })
                .doOnCancel(() -> {
                    if (settled.compareAndSet(false, true)) {
                        breaker.releasePermission();
                    }
                });
    }

    private void recordResponse(HttpStatusCode status, long start) {
        long duration = breaker.getCurrentTimestamp() - start;
        // 502-504 say the service (or what is behind it) is unavailable; other statuses, 500 included, are answers
        if (status != null && status.value() >= 502 && status.value() <= 504) {
            breaker.onError(duration, breaker.getTimestampUnit(), new UnavailableStatus(status.value()));
        } else {
            breaker.onSuccess(duration, breaker.getTimestampUnit());
        }
    }

    /**
     * A problem caused by the client's own request that surfaced while forwarding: a streamed body that was too large,
     * too slow or broke off, or a streamed body still arriving when the response-start budget ran out (the service
     * cannot answer a request it has not received). These never count against the service's breaker.
     */
    private GatewayProblem clientFault(ServerWebExchange exchange, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GatewayProblem problem && problem.status() < 500) {
                return problem;
            }
        }
        if (isTimeout(error) && BodyDeadlineFilter.isStillArriving(exchange)) {
            return new GatewayProblem(408, "Request body was still arriving when the " + responseStartTimeout.toMillis()
                    + " ms budget of service '" + service + "' ran out");
        }
        return null;
    }

    private String describe(Throwable error) {
        if (isTimeout(error)) {
            return "Service '" + service + "' did not start answering within " + responseStartTimeout.toMillis() + " ms";
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "Service '" + service + "' is not reachable";
            }
        }
        return "Service '" + service + "' failed before answering (" + error.getClass().getSimpleName() + ")";
    }

    private static boolean isTimeout(Throwable error) {
        return error instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504;
    }

    private void logFailure(ServerWebExchange exchange, Throwable error) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, RequestIds.of(exchange))) {
            LOG.warn("{} {} -> service '{}' unavailable: {} (breaker {})", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), service, error.toString(), breaker.getState());
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Recorded as the breaker's failure when a service answers 502, 503 or 504. */
    static final class UnavailableStatus extends RuntimeException {
        UnavailableStatus(int status) {
            super("service answered " + status, null, false, false);
        }
    }
}

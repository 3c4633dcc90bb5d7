package io.mlsyslab.gateway.requestid;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.ProblemExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Outermost filter: gives the request its id (forwarded upstream, echoed in the response), turns any error of the
 * inner filters into problem+json, and writes one access-log line when the exchange ends, streams included.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    private final ProblemExceptionHandler problems;
    private final AccessLog accessLog;

    public RequestIdFilter(ProblemExceptionHandler problems, AccessLog accessLog) {
        this.problems = problems;
        this.accessLog = accessLog;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long startNanos = System.nanoTime();
        String id = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(RequestIds.HEADER, id))
                .build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(RequestIds.ATTRIBUTE, id);
        // set just before commit so that it replaces whatever the upstream echoed
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(withId)
                .onErrorResume(error -> problems.handle(withId, error))
                .doFinally(signal -> accessLog.log(withId, startNanos, signal == SignalType.CANCEL));
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_ID;
    }
}

package io.mlsyslab.gateway.ratelimit;

import io.mlsyslab.gateway.auth.ApiKey;
import io.mlsyslab.gateway.auth.ApiKeyFilter;
import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spends one token of the caller's bucket per request; an empty bucket answers 429 with Retry-After (seconds until
 * the next token). Anonymous requests (docs, probes) have no bucket and pass.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final KeyRateLimiter limiter;

    public RateLimitFilter(KeyRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiKey key = exchange.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE);
        if (key == null) {
            return chain.filter(exchange);
        }
        TokenBucket.Decision decision = limiter.tryTake(key);
        if (!decision.allowed()) {
            TokenBucket bucket = limiter.bucketOf(key);
            return Mono.error(GatewayProblem.tooManyRequests("Rate limit of API key '" + key.name() + "' exceeded ("
                    + bucket.spec().capacity() + " burst, " + bucket.spec().refillPerSecond() + " per second)",
                    decision.retryAfterSeconds()));
        }
        exchange.getResponse().getHeaders().set(REMAINING_HEADER, Integer.toString(decision.remaining()));
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return FilterOrder.RATE_LIMIT;
    }
}

package io.mlsyslab.gateway.ratelimit;

import io.mlsyslab.gateway.auth.ApiKey;
import io.mlsyslab.gateway.auth.CallerFilter;
import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.errors.GatewayProblem;
import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spends one token per request: from the caller's key bucket, or, for callers without a valid key, from the bucket
 * of their address. Every answer says where the caller stands ({@value #LIMIT_HEADER}: the burst,
 * {@value #REMAINING_HEADER}: whole tokens left); an empty bucket answers 429 with Retry-After (seconds until the
 * next token).
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final KeyRateLimiter keys;
    private final AddressRateLimiter addresses;

    public RateLimitFilter(KeyRateLimiter keys, AddressRateLimiter addresses) {
        this.keys = keys;
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ApiKey key = CallerFilter.keyOf(exchange);
        String address = key == null ? addressOf(exchange) : null;
        TokenBucket bucket = key != null ? keys.bucketOf(key) : addresses.bucketOf(address);
        TokenBucket.Decision decision = bucket.tryTake();
        // just before commit, so that a service sending these headers cannot contradict the gateway
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(LIMIT_HEADER, Integer.toString(bucket.spec().capacity()));
            headers.set(REMAINING_HEADER, Integer.toString(decision.remaining()));
            return Mono.empty();
        });
        if (!decision.allowed()) {
            String whose = key != null ? "API key '" + key.name() + "'" : "requests without a valid key from " + address;
            return Mono.error(GatewayProblem.tooManyRequests("Rate limit of " + whose + " exceeded ("
                    + bucket.spec().capacity() + " burst, " + bucket.spec().refillPerSecond() + " per second)",
                    decision.retryAfterSeconds()));
        }
        return chain.filter(exchange);
    }

    private static String addressOf(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    @Override
    public int getOrder() {
        return FilterOrder.RATE_LIMIT;
    }
}

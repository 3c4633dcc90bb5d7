package io.mlsyslab.gateway.config;

import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.gateway.auth.Role;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway can be told, under {@code mlsyslab.gateway}. gateway/README.md is the reference with the
 * environment variable of each property.
 *
 * @param services       base URL of a service, overriding its {@code <NAME>_URL} variable and its catalogue
 *                       default (see {@link ServiceTargets}); the services themselves are platform-api's
 *                       {@code ServiceCatalogue}, so a name outside it is refused
 * @param apiKeys        the keys that may call {@code /api/**}
 * @param adminKeySha256 hex SHA-256 of one more admin key, named {@code lab-admin} (env {@code LAB_API_KEY_SHA256})
 * @param adminKey       plain secret of that admin key, hashed at start-up (env {@code LAB_API_KEY}); for
 *                       launchers that cannot hash; ignored when {@code adminKeySha256} is set
 * @param maxRequestBody larger request bodies are refused with 413
 * @param requestBodyTimeout budget for the client to send its request body: the whole body on ordinary routes (read
 *                       before the service is called), the longest pause between reads on streamed routes; a client
 *                       that misses it gets 408, and the service never waits on it
 */
@ConfigurationProperties("mlsyslab.gateway")
public record GatewayProperties(
        Map<String, URI> services,
        List<KeyEntry> apiKeys,
        String adminKeySha256,
        String adminKey,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Upstream upstream,
        @DefaultValue Breaker circuitBreaker,
        @DefaultValue Cors cors,
        @DefaultValue("16MB") DataSize maxRequestBody,
        @DefaultValue("10s") Duration requestBodyTimeout) {

    public GatewayProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        services.forEach((name, uri) -> {
            if (ServiceCatalogue.find(name).isEmpty()) {
                throw new IllegalArgumentException("mlsyslab.gateway.services." + name
                        + ": not a service of the catalogue " + ServiceCatalogue.names());
            }
            ServiceTargets.checkedUrl("mlsyslab.gateway.services." + name, uri);
        });
        (upstream == null ? Map.<String, Duration>of() : upstream.responseStartTimeouts()).keySet().forEach(name -> {
            if (ServiceCatalogue.find(name).isEmpty()) {
                throw new IllegalArgumentException("mlsyslab.gateway.upstream.response-start-timeouts." + name
                        + ": not a service of the catalogue " + ServiceCatalogue.names());
            }
        });
        if (maxRequestBody.toBytes() < 1) {
            throw new IllegalArgumentException("mlsyslab.gateway.max-request-body: must be > 0, got " + maxRequestBody);
        }
        if (requestBodyTimeout.isNegative() || requestBodyTimeout.isZero()) {
            throw new IllegalArgumentException("mlsyslab.gateway.request-body-timeout: must be positive, got "
                    + requestBodyTimeout);
        }
    }

    /**
     * One API key as configured.
     *
     * @param rateLimit optional bucket for this key alone; wins over the role's and the default bucket
     */
    public record KeyEntry(String name, Role role, String sha256, Limit rateLimit) {
    }

    /** A bucket override: both fields must be given. */
    public record Limit(Integer capacity, Double refillPerSecond) {
    }

    /**
     * Per-key token buckets, and per-address buckets for callers without a valid key.
     *
     * @param capacity        default burst per key
     * @param refillPerSecond default sustained requests per second per key
     * @param roles           bucket per role, for keys without their own
     * @param anonymous       bucket per client address for requests without a valid key
     */
    public record RateLimit(
            @DefaultValue("100") int capacity,
            @DefaultValue("20") double refillPerSecond,
            Map<Role, Limit> roles,
            @DefaultValue Anonymous anonymous) {

        public RateLimit {
            roles = roles == null ? Map.of() : Map.copyOf(roles);
            anonymous = anonymous == null ? new Anonymous(60, 10, 100_000) : anonymous;
        }
    }

    /**
     * The bucket of each client address for requests without a valid key (no key, a wrong one, docs and probes). The
     * address is the TCP peer's, or the client's as told by a trusted proxy when
     * {@code server.forward-headers-strategy=framework}.
     *
     * @param capacity        burst per address
     * @param refillPerSecond sustained requests per second per address
     * @param maxAddresses    addresses tracked at once; beyond it, buckets that have refilled are forgotten, and new
     *                        addresses share one bucket while none has
     */
    public record Anonymous(
            @DefaultValue("60") int capacity,
            @DefaultValue("10") double refillPerSecond,
            @DefaultValue("100000") int maxAddresses) {
    }

    /**
     * How long the gateway waits on a service.
     *
     * @param connectTimeout        TCP connect limit
     * @param responseStartTimeout  limit until the service's response headers arrive; the body (an SSE stream, a
     *                              streamed completion) may then take as long as it needs
     * @param responseStartTimeouts per-service overrides of {@code responseStartTimeout}
     * @param slowRoutes            synchronous compute endpoints that legitimately take longer than the service's
     *                              timeout to answer (a fabric analysis, a density over 10⁶ points); each gets its
     *                              own timeout, while the rest of the service keeps the short one, so a hung
     *                              service still answers 503 quickly on its run API
     */
    public record Upstream(
            @DefaultValue("500ms") Duration connectTimeout,
            @DefaultValue("1500ms") Duration responseStartTimeout,
            Map<String, Duration> responseStartTimeouts,
            List<SlowRoute> slowRoutes) {

        public Upstream {
            responseStartTimeouts = responseStartTimeouts == null ? Map.of() : Map.copyOf(responseStartTimeouts);
            slowRoutes = slowRoutes == null ? List.of() : List.copyOf(slowRoutes);
        }

        /** The slow routes under {@code /api/<service>/}. */
        public List<SlowRoute> slowRoutesOf(String service) {
            return slowRoutes.stream().filter(r -> r.path().startsWith("/api/" + service + "/")).toList();
        }

        public Duration responseStartTimeoutOf(String service) {
            return responseStartTimeouts.getOrDefault(service, responseStartTimeout);
        }
    }

    /**
     * A path (Spring path pattern, e.g. {@code /api/network/fabric/**}) with its own response-start timeout.
     *
     * @param path    gateway path pattern under {@code /api/<service>/}
     * @param timeout limit until the response headers arrive on this path
     */
    public record SlowRoute(String path, Duration timeout) {
        public SlowRoute {
            if (path == null || !path.matches("/api/[a-z0-9-]+/.+")) {
                throw new IllegalArgumentException("mlsyslab.gateway.upstream.slow-routes: path must lie under "
                        + "/api/<service>/, got " + path);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("mlsyslab.gateway.upstream.slow-routes: timeout of " + path
                        + " must be positive");
            }
        }
    }

    /**
     * One Resilience4j circuit breaker per service (count-based window).
     *
     * @param slidingWindowSize    calls remembered
     * @param minimumCalls         calls needed before the failure rate counts
     * @param failureRatePercent   failure rate that opens the breaker
     * @param openWait             how long an open breaker refuses calls before letting probes through
     * @param halfOpenCalls        probe calls allowed while half-open
     */
    public record Breaker(
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("50") float failureRatePercent,
            @DefaultValue("10s") Duration openWait,
            @DefaultValue("3") int halfOpenCalls) {
    }

    /**
     * Cross-origin access for browser clients; with no allowed origins (the default) no CORS headers are sent.
     */
    public record Cors(
            List<String> allowedOrigins,
            @DefaultValue({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}) List<String> allowedMethods,
            @DefaultValue({"Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id", "Last-Event-ID"})
            List<String> allowedHeaders,
            @DefaultValue({"X-Request-Id", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"})
            List<String> exposedHeaders,
            @DefaultValue("false") boolean allowCredentials,
            @DefaultValue("30m") Duration maxAge) {

        public Cors {
            // an empty CORS_ALLOWED_ORIGINS env var binds as [""]
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        }
    }
}

package io.mlsyslab.gateway.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.gateway.auth.ApiKey;
import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.gateway.auth.ApiKeyRegistry;
import io.mlsyslab.gateway.auth.ForwardedPrincipal;
import io.mlsyslab.gateway.auth.SigningProperties;
import io.mlsyslab.gateway.auth.Role;
import io.mlsyslab.gateway.ratelimit.AddressRateLimiter;
import io.mlsyslab.gateway.ratelimit.BucketSpec;
import io.mlsyslab.gateway.ratelimit.KeyRateLimiter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Turns {@link GatewayProperties} into the plain-Java pieces the filters use. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GatewayProperties.class, SigningProperties.class})
public class GatewayConfiguration {

    /** Name of the admin key given by LAB_API_KEY_SHA256 / LAB_API_KEY. */
    public static final String LAB_ADMIN_KEY_NAME = "lab-admin";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    ApiKeyRegistry apiKeyRegistry(GatewayProperties properties) {
        List<ApiKey> keys = configuredKeys(properties);
        if (keys.isEmpty()) {
            LOG.warn("No API keys configured (mlsyslab.gateway.api-keys, LAB_API_KEY_SHA256, LAB_API_KEY): "
                    + "every /api request will be answered 401");
        } else {
            LOG.info("{} API key(s) configured: {}", keys.size(),
                    keys.stream().map(k -> k.name() + "(" + k.role().label() + ")").toList());
        }
        return new ApiKeyRegistry(keys);
    }

    /**
     * Signs the principal forwarded to the services. Without {@code mlsyslab.security.signing-secret} the gateway
     * refuses to start (the services would answer every forwarded request 401) unless
     * {@code mlsyslab.security.allow-unsigned=true} says to forward unsigned.
     */
    @Bean
    ForwardedPrincipal forwardedPrincipal(SigningProperties properties) {
        if (properties.signingSecret() != null && !properties.signingSecret().isBlank()) {
            return new ForwardedPrincipal(new RequestSigner(properties.signingSecret()), Clock.systemUTC());
        }
        if (!properties.allowUnsigned()) {
            throw new IllegalStateException("mlsyslab.security.signing-secret (env LAB_SIGNING_SECRET) is not set:"
                    + " the services believe only a signed principal. Set the secret they share, or set"
                    + " mlsyslab.security.allow-unsigned=true to forward principals unsigned (tests only)");
        }
        LOG.warn("mlsyslab.security.allow-unsigned=true: principals are forwarded unsigned");
        return new ForwardedPrincipal(null, Clock.systemUTC());
    }

    /** Each catalogue service's base URL (configured, {@code <NAME>_URL}, or localhost at its catalogue port). */
    @Bean
    ServiceTargets serviceTargets(GatewayProperties properties, Environment environment) {
        return ServiceTargets.resolve(properties.services(), environment::getProperty);
    }

    @Bean
    KeyRateLimiter keyRateLimiter(GatewayProperties properties) {
        Map<String, BucketSpec> specByKey = new HashMap<>();
        Map<String, GatewayProperties.Limit> overrideByKey = new HashMap<>();
        properties.apiKeys().forEach(entry -> {
            if (entry.rateLimit() != null) {
                overrideByKey.put(entry.name(), entry.rateLimit());
            }
        });
        for (ApiKey key : configuredKeys(properties)) {
            specByKey.put(key.name(), bucketSpec(properties.rateLimit(), key, overrideByKey.get(key.name())));
        }
        return new KeyRateLimiter(key -> specByKey.get(key.name()), System::nanoTime);
    }

    @Bean
    AddressRateLimiter addressRateLimiter(GatewayProperties properties) {
        GatewayProperties.Anonymous anonymous = properties.rateLimit().anonymous();
        try {
            return new AddressRateLimiter(new BucketSpec(anonymous.capacity(), anonymous.refillPerSecond()),
                    anonymous.maxAddresses(), System::nanoTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mlsyslab.gateway.rate-limit.anonymous: " + e.getMessage(), e);
        }
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Breaker b = properties.circuitBreaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowSize())
                .minimumNumberOfCalls(b.minimumCalls())
                .failureRateThreshold(b.failureRatePercent())
                .waitDurationInOpenState(b.openWait())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        ServiceCatalogue.names().forEach(registry::circuitBreaker);
        return registry;
    }

    static List<ApiKey> configuredKeys(GatewayProperties properties) {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < properties.apiKeys().size(); i++) {
            GatewayProperties.KeyEntry entry = properties.apiKeys().get(i);
            try {
                keys.add(new ApiKey(entry.name(), entry.role(), entry.sha256()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("mlsyslab.gateway.api-keys[" + i + "]." + e.getMessage(), e);
            }
        }
        String labHash = blankToNull(properties.adminKeySha256());
        String labSecret = blankToNull(properties.adminKey());
        if (labHash == null && labSecret != null) {
            labHash = ApiKeyRegistry.sha256Hex(labSecret);
        }
        if (labHash != null) {
            keys.add(new ApiKey(LAB_ADMIN_KEY_NAME, Role.ADMIN, labHash));
        }
        return keys;
    }

    /** Each bucket field comes from the key's own override, else its role's, else the default. */
    static BucketSpec bucketSpec(GatewayProperties.RateLimit limits, ApiKey key, GatewayProperties.Limit own) {
        GatewayProperties.Limit role = limits.roles().get(key.role());
        Integer capacity = firstNonNull(own == null ? null : own.capacity(), role == null ? null : role.capacity());
        Double refill = firstNonNull(own == null ? null : own.refillPerSecond(),
                role == null ? null : role.refillPerSecond());
        try {
            return new BucketSpec(capacity != null ? capacity : limits.capacity(),
                    refill != null ? refill : limits.refillPerSecond());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mlsyslab.gateway.rate-limit for key " + key.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

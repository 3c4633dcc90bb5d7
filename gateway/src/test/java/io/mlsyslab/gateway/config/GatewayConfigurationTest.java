package io.mlsyslab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.gateway.auth.ApiKey;
import io.mlsyslab.gateway.auth.ApiKeyRegistry;
import io.mlsyslab.gateway.auth.Role;
import io.mlsyslab.gateway.ratelimit.BucketSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class GatewayConfigurationTest {

    private static final String SHA_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static GatewayProperties properties(List<GatewayProperties.KeyEntry> keys, String adminSha, String adminKey,
                                                GatewayProperties.RateLimit rateLimit) {
        return new GatewayProperties(Map.of("storage", URI.create("http://localhost:8081")), keys, adminSha, adminKey,
                rateLimit,
                new GatewayProperties.Upstream(Duration.ofMillis(500), Duration.ofMillis(1500), Map.of(), List.of()),
                new GatewayProperties.Breaker(20, 10, 50, Duration.ofSeconds(10), 3),
                new GatewayProperties.Cors(List.of(), List.of(), List.of(), List.of(), false, Duration.ZERO),
                DataSize.ofMegabytes(16), Duration.ofSeconds(10));
    }

    private static final GatewayProperties.RateLimit DEFAULT_LIMITS = new GatewayProperties.RateLimit(100, 20, Map.of(
            Role.ADMIN, new GatewayProperties.Limit(1000, null)), null);

    @Test
    void bucketFieldsComeFromKeyThenRoleThenDefault() {
        ApiKey admin = new ApiKey("root", Role.ADMIN, SHA_ABC);
        ApiKey reader = new ApiKey("alice", Role.READER, SHA_ABC);
        assertThat(GatewayConfiguration.bucketSpec(DEFAULT_LIMITS, reader, null)).isEqualTo(new BucketSpec(100, 20));
        assertThat(GatewayConfiguration.bucketSpec(DEFAULT_LIMITS, admin, null)).isEqualTo(new BucketSpec(1000, 20));
        assertThat(GatewayConfiguration.bucketSpec(DEFAULT_LIMITS, admin, new GatewayProperties.Limit(null, 0.5)))
                .isEqualTo(new BucketSpec(1000, 0.5));
        assertThat(GatewayConfiguration.bucketSpec(DEFAULT_LIMITS, reader, new GatewayProperties.Limit(3, 1.0)))
                .isEqualTo(new BucketSpec(3, 1));
    }

    @Test
    void badBucketNamesTheKey() {
        ApiKey reader = new ApiKey("alice", Role.READER, SHA_ABC);
        assertThatThrownBy(() -> GatewayConfiguration.bucketSpec(DEFAULT_LIMITS, reader,
                new GatewayProperties.Limit(0, null)))
                .hasMessageStartingWith("mlsyslab.gateway.rate-limit for key alice: capacity:");
    }

    @Test
    void labAdminKeyComesFromItsHashOrIsHashedFromThePlainSecret() {
        List<ApiKey> fromHash = GatewayConfiguration.configuredKeys(properties(List.of(), SHA_ABC, null, DEFAULT_LIMITS));
        assertThat(fromHash).containsExactly(new ApiKey("lab-admin", Role.ADMIN, SHA_ABC));
        List<ApiKey> fromSecret = GatewayConfiguration.configuredKeys(properties(List.of(), "  ", "abc", DEFAULT_LIMITS));
        assertThat(fromSecret).containsExactly(new ApiKey("lab-admin", Role.ADMIN, SHA_ABC));
        assertThat(new ApiKeyRegistry(fromSecret).authenticate("abc")).isPresent();
        assertThat(GatewayConfiguration.configuredKeys(properties(List.of(), "", "", DEFAULT_LIMITS))).isEmpty();
    }

    @Test
    void badKeyEntryNamesItsIndex() {
        List<GatewayProperties.KeyEntry> keys = List.of(
                new GatewayProperties.KeyEntry("alice", Role.READER, SHA_ABC, null),
                new GatewayProperties.KeyEntry("bob", Role.WRITER, "not-hex", null));
        assertThatThrownBy(() -> GatewayConfiguration.configuredKeys(properties(keys, null, null, DEFAULT_LIMITS)))
                .hasMessageStartingWith("mlsyslab.gateway.api-keys[1].sha256:");
    }

    @Test
    void servicesMustBeNamedSafelyAndPointAtHttp() {
        GatewayProperties ok = properties(List.of(), null, null, DEFAULT_LIMITS);
        assertThatThrownBy(() -> new GatewayProperties(Map.of("Bad/Name", URI.create("http://x:1")), null, null, null,
                ok.rateLimit(), ok.upstream(), ok.circuitBreaker(), ok.cors(), ok.maxRequestBody(), ok.requestBodyTimeout()))
                .hasMessageContaining("mlsyslab.gateway.services");
        assertThatThrownBy(() -> new GatewayProperties(Map.of("storage", URI.create("ftp://x:1")), null, null, null,
                ok.rateLimit(), ok.upstream(), ok.circuitBreaker(), ok.cors(), ok.maxRequestBody(), ok.requestBodyTimeout()))
                .hasMessageStartingWith("mlsyslab.gateway.services.storage:");
    }

    @Test
    void blankCorsOriginsMeanNone() {
        GatewayProperties.Cors cors = new GatewayProperties.Cors(List.of(""), List.of(), List.of(), List.of(), false,
                Duration.ZERO);
        assertThat(cors.allowedOrigins()).isEmpty();
    }

    @Test
    void perServiceResponseStartTimeoutOverridesTheDefault() {
        GatewayProperties.Upstream upstream = new GatewayProperties.Upstream(Duration.ofMillis(500),
                Duration.ofMillis(1500), Map.of("inference", Duration.ofSeconds(5)), List.of());
        assertThat(upstream.responseStartTimeoutOf("inference")).isEqualTo(Duration.ofSeconds(5));
        assertThat(upstream.responseStartTimeoutOf("storage")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void slowRoutesBelongToTheServiceTheirPathNamesAndMustLieUnderIt() {
        GatewayProperties.Upstream upstream = new GatewayProperties.Upstream(Duration.ofMillis(500),
                Duration.ofMillis(1500), Map.of(), List.of(
                        new GatewayProperties.SlowRoute("/api/network/fabric/analyze", Duration.ofSeconds(60)),
                        new GatewayProperties.SlowRoute("/api/analytics/kde/density", Duration.ofSeconds(30))));
        assertThat(upstream.slowRoutesOf("network")).extracting(GatewayProperties.SlowRoute::timeout)
                .containsExactly(Duration.ofSeconds(60));
        assertThat(upstream.slowRoutesOf("storage")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new GatewayProperties.SlowRoute("/docs/x", Duration.ofSeconds(1)))
                .hasMessageContaining("/api/<service>/");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new GatewayProperties.SlowRoute("/api/network/x", Duration.ZERO))
                .hasMessageContaining("must be positive");
    }
}

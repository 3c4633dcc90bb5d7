package io.mlsyslab.gateway;

import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real gateway on a random port in front of {@link StubUpstreams}. Every integration test extends this class
 * unchanged, so they all share one application context. Key hashes are SHA-256 of the secrets below, computed
 * independently (python3 hashlib).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mlsyslab.gateway.api-keys[0].name=alice",
        "mlsyslab.gateway.api-keys[0].role=reader",
        "mlsyslab.gateway.api-keys[0].sha256=f03319dee240faa729e0cfa7ab5ffd80a1d64a127e3643f239009abff6382914",
        "mlsyslab.gateway.api-keys[1].name=bob",
        "mlsyslab.gateway.api-keys[1].role=writer",
        "mlsyslab.gateway.api-keys[1].sha256=EF80202EA99D7C668A9677D9242456057AC10488311CB8757674490E194A56E1",
        "mlsyslab.gateway.api-keys[2].name=carol",
        "mlsyslab.gateway.api-keys[2].role=admin",
        "mlsyslab.gateway.api-keys[2].sha256=16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01",
        "mlsyslab.gateway.api-keys[3].name=dave",
        "mlsyslab.gateway.api-keys[3].role=reader",
        "mlsyslab.gateway.api-keys[3].sha256=ee81a9128d7f7a7b5c328a7b5255b802fb4302f431f61539934ce3661ae792bd",
        // one token per 1000 s: after the burst of 3 the bucket stays empty for the whole test run
        "mlsyslab.gateway.api-keys[3].rate-limit.capacity=3",
        "mlsyslab.gateway.api-keys[3].rate-limit.refill-per-second=0.001",
        "mlsyslab.gateway.admin-key=" + GatewayTestBase.LAB_SECRET,
        "mlsyslab.gateway.rate-limit.capacity=10000",
        "mlsyslab.gateway.rate-limit.refill-per-second=10000",
        // callers without a valid key: 500 per address and (almost) no refill, so that AnonymousRateLimitTest can
        // empty the bucket of its own address, while the suite's other anonymous requests (KeepAliveTest's 300) stay
        // within the bucket of theirs
        "mlsyslab.gateway.rate-limit.anonymous.capacity=500",
        "mlsyslab.gateway.rate-limit.anonymous.refill-per-second=0.001",
        "mlsyslab.gateway.max-request-body=1KB",
        "mlsyslab.gateway.body-limits[0].path=/api/storage/echo/big/**",
        "mlsyslab.gateway.body-limits[0].max=4KB",
        "mlsyslab.gateway.body-limits[1].path=/api/analytics/upload/**",
        "mlsyslab.gateway.body-limits[1].max=4KB",
        "mlsyslab.gateway.request-body-timeout=2s",
        "mlsyslab.gateway.upstream.response-start-timeout=1s",
        "mlsyslab.gateway.upstream.slow-routes[0].path=/api/analytics/compute/long/**",
        "mlsyslab.gateway.upstream.slow-routes[0].timeout=10s",
        // a streamed upload whose service waits longer than the body budget: a stalled client meets the body budget
        "mlsyslab.gateway.upstream.slow-routes[1].path=/api/analytics/upload/**",
        "mlsyslab.gateway.upstream.slow-routes[1].timeout=30s",
        // long enough that only a client hanging up can end the wait first
        "mlsyslab.gateway.upstream.slow-routes[2].path=/api/training/slow/**",
        "mlsyslab.gateway.upstream.slow-routes[2].timeout=60s",
        "mlsyslab.gateway.circuit-breaker.sliding-window-size=4",
        "mlsyslab.gateway.circuit-breaker.minimum-calls=4",
        "mlsyslab.gateway.circuit-breaker.open-wait=60s",
        "mlsyslab.gateway.cors.allowed-origins=https://ui.example",
        "mlsyslab.security.signing-secret=" + GatewayTestBase.SIGNING_SECRET,
})
public abstract class GatewayTestBase {

    protected static final String READER = "reader-secret";
    protected static final String WRITER = "writer-secret";
    protected static final String ADMIN = "admin-secret";
    protected static final String LIMITED = "limited-secret";
    protected static final String LAB_SECRET = "lab-plain-secret";
    /** What the gateway signs forwarded principals with; the stub services check it (StubUpstreams). */
    protected static final String SIGNING_SECRET = "gateway-test-signing-secret-0123456789";

    protected static final StubUpstreams UPSTREAMS = StubUpstreams.get();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        UPSTREAMS.urls().forEach((service, url) -> registry.add("mlsyslab.gateway.services." + service, () -> url));
    }

    /** A client of the running gateway; the timeout only turns a hang into a failure, it measures nothing. */
    protected WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    protected static String bearer(String secret) {
        return "Bearer " + secret;
    }
}

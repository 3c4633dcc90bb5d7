package io.mlsyslab.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.contract.signing.SignatureVerifier;
import io.mlsyslab.contract.signing.SignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the filter lets through, and as whom. */
class SignedCallerFilterTest {

    private static final RequestSigner SIGNER = new RequestSigner("filter-test-secret-0123456789abcdef");
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(SIGNER, Duration.ofSeconds(60),
            Clock.systemUTC());

    @Test
    void aSignedRequestPassesAsItsVerifiedCaller() throws Exception {
        MockHttpServletRequest request = request("POST", "/api/x/runs", "a=1");
        sign(request, "alice", "writer");
        MockFilterChain chain = new MockFilterChain();
        new SignedCallerFilter(VERIFIER, false).doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(Caller.of(request)).isEqualTo(new Caller("alice", "writer"));
    }

    @Test
    void theQueryIsPartOfWhatIsSigned() throws Exception {
        MockHttpServletRequest request = request("GET", "/api/x/runs", "a=1");
        sign(request, "alice", "writer");
        request.setQueryString("a=2");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SignedCallerFilter(VERIFIER, false).doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(Caller.of(request)).isEqualTo(Caller.NOBODY);
    }

    @Test
    void allowUnsignedServesUnsignedRequestsAsAnAnonymousAdminButStillChecksSignatures() throws Exception {
        MockHttpServletRequest unsigned = request("DELETE", "/api/x/thing", null);
        unsigned.addHeader("X-Lab-Principal", "mallory");
        new SignedCallerFilter(VERIFIER, true).doFilter(unsigned, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(Caller.of(unsigned)).isEqualTo(Caller.UNSIGNED);
        assertThat(Caller.of(unsigned).principal()).as("the header is never believed").isNull();

        MockHttpServletRequest forged = request("DELETE", "/api/x/thing", null);
        forged.addHeader("X-Lab-Principal", "mallory");
        forged.addHeader("X-Lab-Signed-At", Long.toString(Instant.now().getEpochSecond()));
        forged.addHeader("X-Lab-Signature", "v1=" + "0".repeat(64));
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SignedCallerFilter(VERIFIER, true).doFilter(forged, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(401);
    }

    @Test
    void onlyReadsOfProbesMetricsInfoAndDocsAreExempt() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/info", "/v3/api-docs", "/v3/api-docs/swagger-config"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            new SignedCallerFilter(VERIFIER, false).doFilter(request("GET", path, null), response,
                    new MockFilterChain());
            assertThat(response.getStatus()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/actuator/metrics", "/actuator/healthz", "/api/x/runs", "/v3/api-docsx"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            new SignedCallerFilter(VERIFIER, false).doFilter(request("GET", path, null), response,
                    new MockFilterChain());
            assertThat(response.getStatus()).as(path).isEqualTo(401);
        }
        MockHttpServletResponse post = new MockHttpServletResponse();
        new SignedCallerFilter(VERIFIER, false).doFilter(request("POST", "/actuator/health", null), post,
                new MockFilterChain());
        assertThat(post.getStatus()).isEqualTo(401);
    }

    private static MockHttpServletRequest request(String method, String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        request.setQueryString(query);
        return request;
    }

    private static void sign(MockHttpServletRequest request, String principal, String role) {
        SIGNER.headers(new SignedRequest(principal, role, request.getMethod(),
                SignedRequest.target(request.getRequestURI(), request.getQueryString()),
                Instant.now().getEpochSecond())).forEach(request::addHeader);
    }
}

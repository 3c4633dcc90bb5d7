package io.mlsyslab.platform.security;

import io.mlsyslab.contract.RunHeaders;
import io.mlsyslab.contract.signing.SignatureVerifier;
import io.mlsyslab.contract.signing.SignedRequest;
import io.mlsyslab.platform.web.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request in only when it proves who sent it: a principal signature ({@code X-Lab-Signature} over
 * {@code X-Lab-Principal}, {@code X-Lab-Role}, method, raw target and {@code X-Lab-Signed-At}) made with the shared
 * secret, as the gateway and the other services' clients make it. Anything else is a 401 problem, except the
 * {@link ExemptPaths}. The verified caller becomes the request attribute {@link Caller#ATTRIBUTE}; the headers
 * themselves are never trusted by anything after this filter.
 */
public class SignedCallerFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SignedCallerFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SignatureVerifier verifier;
    private final boolean allowUnsigned;

    /**
     * @param verifier      checks signatures; null only when {@code allowUnsigned} and no secret is configured
     * @param allowUnsigned let requests without a signature in as {@link Caller#UNSIGNED}
     */
    public SignedCallerFilter(SignatureVerifier verifier, boolean allowUnsigned) {
        if (verifier == null && !allowUnsigned) {
            throw new IllegalArgumentException("a verifier is needed unless unsigned requests are allowed");
        }
        this.verifier = verifier;
        this.allowUnsigned = allowUnsigned;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ExemptPaths.isExempt(request)) {
            chain.doFilter(request, response);
            return;
        }
        String signature = request.getHeader(RunHeaders.SIGNATURE);
        if (allowUnsigned && (signature == null || verifier == null)) {
            // a signature this service cannot check proves nothing: the caller is anonymous like any unsigned one
            request.setAttribute(Caller.ATTRIBUTE, Caller.UNSIGNED);
            chain.doFilter(request, response);
            return;
        }
        String principal = request.getHeader(RunHeaders.PRINCIPAL);
        String role = request.getHeader(RunHeaders.ROLE);
        SignatureVerifier.Verification verification = verifier.verify(principal, role, request.getMethod(),
                SignedRequest.target(request.getRequestURI(), request.getQueryString()),
                request.getHeader(RunHeaders.SIGNED_AT), signature);
        if (!verification.valid()) {
            // the path without its query, and never a header value: the log says what was refused, not a secret
            LOG.warn("refused {} {}: {}", request.getMethod(), request.getRequestURI(), verification.reason());
            unauthorized(request, response, verification.reason());
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, new Caller(principal, role));
        chain.doFilter(request, response);
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Unauthorized");
        problem.put("status", 401);
        problem.put("detail", reason);
        problem.put("instance", request.getRequestURI());
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        response.setStatus(401);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
    }
}

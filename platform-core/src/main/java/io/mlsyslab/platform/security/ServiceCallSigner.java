package io.mlsyslab.platform.security;

import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.contract.signing.SignedRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Signs this service's own calls to other services as principal {@code service:<name>} with role
 * {@value #ROLE}, so the callee knows which service asked (and a gateway key, whose names may not contain
 * {@code :}, can never pass for one). Every service-to-service client uses it: {@code RunsClient} through
 * {@link #interceptor()}, the storage KV client through {@link #headers}.
 */
public class ServiceCallSigner {

    public static final String ROLE = "service";

    private final String principal;
    private final RequestSigner signer;
    private final Clock clock;

    /**
     * @param service this service's name
     * @param signer  signs with the shared secret; null sends calls unsigned (only useful towards services that
     *                allow unsigned requests)
     */
    public ServiceCallSigner(String service, RequestSigner signer, Clock clock) {
        this.principal = principalOf(service);
        this.signer = signer;
        this.clock = clock;
    }

    /** The principal a service signs as. */
    public static String principalOf(String service) {
        return "service:" + service;
    }

    public String principal() {
        return principal;
    }

    /** The headers that sign a call of {@code method} to {@code uri} now (none without a secret). */
    public Map<String, String> headers(String method, URI uri) {
        if (signer == null) {
            return Map.of();
        }
        return signer.headers(new SignedRequest(principal, ROLE, method,
                SignedRequest.target(uri.getRawPath(), uri.getRawQuery()), clock.instant().getEpochSecond()));
    }

    /** For a Spring {@code RestClient}: signs each request just before it is sent. */
    public ClientHttpRequestInterceptor interceptor() {
        return (request, body, execution) -> {
            headers(request.getMethod().name(), request.getURI()).forEach(request.getHeaders()::set);
            return execution.execute(request, body);
        };
    }
}

package io.mlsyslab.gateway.auth;

import io.mlsyslab.contract.RunHeaders;
import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.contract.signing.SignedRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What the gateway tells a service about the caller: the key's name and role, signed with the shared secret over
 * method and raw target ({@link RequestSigner}), so the service can tell the gateway's word from anybody's. Whatever
 * a client sent under these header names is removed first, on every request, public ones included.
 */
public final class ForwardedPrincipal {

    static final List<String> HEADERS = List.of(RunHeaders.PRINCIPAL, RunHeaders.ROLE, RunHeaders.SIGNATURE,
            RunHeaders.SIGNED_AT);

    private final RequestSigner signer;
    private final Clock clock;

    /** @param signer null forwards the principal unsigned (only with {@code mlsyslab.security.allow-unsigned}) */
    public ForwardedPrincipal(RequestSigner signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /** {@code request} without any client-sent principal or signature headers. */
    ServerHttpRequest anonymous(ServerHttpRequest request) {
        return request.mutate().headers(ForwardedPrincipal::strip).build();
    }

    /** {@code request} without its credential, carrying {@code key}'s name and role, signed now. */
    ServerHttpRequest signedFor(ServerHttpRequest request, ApiKey key) {
        SignedRequest signed = new SignedRequest(key.name(), key.role().label(), request.getMethod().name(),
                SignedRequest.target(request.getURI().getRawPath(), request.getURI().getRawQuery()),
                clock.instant().getEpochSecond());
        return request.mutate().headers(headers -> {
            strip(headers);
            headers.remove(HttpHeaders.AUTHORIZATION);
            if (signer == null) {
                headers.set(RunHeaders.PRINCIPAL, signed.principal());
                headers.set(RunHeaders.ROLE, signed.role());
            } else {
                signer.headers(signed).forEach(headers::set);
            }
        }).build();
    }

    private static void strip(HttpHeaders headers) {
        HEADERS.forEach(headers::remove);
    }
}

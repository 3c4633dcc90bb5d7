package io.mlsyslab.storage.client;

import java.net.URI;
import java.util.Map;

/**
 * The headers one call of {@link StorageKvClient} carries, chosen per call: a service passes its principal signer,
 * whose signature covers the call's method and target, so storage-service knows which service asks.
 */
@FunctionalInterface
public interface CallHeaders {

    /** Headers for a call of {@code method} to {@code uri}. */
    Map<String, String> forCall(String method, URI uri);

    /** The same headers on every call (none, or e.g. {@code Authorization} when going through the gateway). */
    static CallHeaders fixed(Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        return (method, uri) -> copy;
    }
}

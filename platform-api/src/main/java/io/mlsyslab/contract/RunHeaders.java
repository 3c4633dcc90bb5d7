package io.mlsyslab.contract;

/** Header names of the run API and of every request through the platform, as clients and services write them. */
public final class RunHeaders {

    /** Client-chosen key of a {@code POST runs}: the same key replays the first run instead of creating another. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** {@code true} on a {@code POST runs} answer that replayed an earlier run for the same idempotency key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /**
     * The API key name the gateway authenticated, or {@code service:<name>} for a service's own call; a run records
     * it as {@code createdBy}. Services believe it only with a valid {@link #SIGNATURE}.
     */
    public static final String PRINCIPAL = "X-Lab-Principal";

    /** The role of that key ({@code reader}, {@code writer}, {@code admin}), forwarded by the gateway. */
    public static final String ROLE = "X-Lab-Role";

    /** {@code v1=<hex HMAC-SHA256>} over principal, role, method, raw target and {@link #SIGNED_AT} (platform-api's
     * {@code signing.RequestSigner}); the gateway strips whatever a client sent and signs anew. */
    public static final String SIGNATURE = "X-Lab-Signature";

    /** Epoch seconds when {@link #SIGNATURE} was made; services refuse signatures too far from their clock. */
    public static final String SIGNED_AT = "X-Lab-Signed-At";

    /** Request id, echoed on every answer and logged; problems carry it as {@code requestId}. */
    public static final String REQUEST_ID = "X-Request-Id";

    private RunHeaders() {}
}

package io.mlsyslab.contract;

/** Header names of the run API and of every request through the platform, as clients and services write them. */
public final class RunHeaders {

    /** Client-chosen key of a {@code POST runs}: the same key replays the first run instead of creating another. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** {@code true} on a {@code POST runs} answer that replayed an earlier run for the same idempotency key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** The API key name the gateway authenticated; a run records it as {@code createdBy}. */
    public static final String PRINCIPAL = "X-Lab-Principal";

    /** The role of that key ({@code reader}, {@code writer}, {@code admin}), forwarded by the gateway. */
    public static final String ROLE = "X-Lab-Role";

    /** Request id, echoed on every answer and logged; problems carry it as {@code requestId}. */
    public static final String REQUEST_ID = "X-Request-Id";

    private RunHeaders() {}
}

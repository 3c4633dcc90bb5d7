package io.mlsyslab.gateway.config;

import org.springframework.core.Ordered;

/**
 * Order of the gateway's web filters, outermost first. Request ids come first so every later answer carries one;
 * unsafe paths are refused before anything matches on them;
 * CORS before auth because browsers send preflights without credentials; the caller (its key, if valid) is known
 * before rate limiting because the bucket belongs to the key, and rate limiting comes before the key check so that
 * callers without a valid key spend their address's bucket instead of getting unlimited 401s; body limits last
 * because they need to know nothing else, and the body deadline after the limit, so that a buffered body is counted
 * while it is read (and only a caller that passed every check makes the gateway read a body).
 */
public final class FilterOrder {

    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    public static final int PATH_SAFETY = REQUEST_ID + 5;
    public static final int CORS = REQUEST_ID + 10;
    public static final int METHOD = REQUEST_ID + 20;
    public static final int CALLER = REQUEST_ID + 30;
    public static final int RATE_LIMIT = REQUEST_ID + 40;
    public static final int AUTH = REQUEST_ID + 45;
    public static final int BODY_LIMIT = REQUEST_ID + 50;
    public static final int BODY_DEADLINE = REQUEST_ID + 60;

    private FilterOrder() {
    }
}

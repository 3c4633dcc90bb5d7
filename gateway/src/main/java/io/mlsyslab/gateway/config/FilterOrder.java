package io.mlsyslab.gateway.config;

import org.springframework.core.Ordered;

/**
 * Order of the gateway's web filters, outermost first. Request ids come first so every later answer carries one;
 * CORS before auth because browsers send preflights without credentials; auth before rate limiting because the
 * bucket belongs to the key; body limits last because they need to know nothing else.
 */
public final class FilterOrder {

    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    public static final int CORS = REQUEST_ID + 10;
    public static final int METHOD = REQUEST_ID + 20;
    public static final int AUTH = REQUEST_ID + 30;
    public static final int RATE_LIMIT = REQUEST_ID + 40;
    public static final int BODY_LIMIT = REQUEST_ID + 50;

    private FilterOrder() {
    }
}

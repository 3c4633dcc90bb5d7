package io.mlsyslab.platform.errors;

import java.io.IOException;

/** The request body is larger than {@code mlsyslab.http.max-request-bytes}; answered with 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body exceeds the limit of " + limit + " bytes");
    }
}

package io.mlsyslab.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service knows who called it, under {@code mlsyslab.security}.
 *
 * @param signingSecret the secret shared with the gateway and the other services ({@code LAB_SIGNING_SECRET}), at
 *                      least 32 characters; requests must carry a principal signature made with it
 * @param allowUnsigned serve requests without a signature as an anonymous caller with every right, as before
 *                      signatures existed; for tests and single-user experiments only, never with a reachable port
 * @param maxClockSkew  how far a signature's time may lie from this service's clock, either way
 */
@ConfigurationProperties("mlsyslab.security")
public record SecurityProperties(
        String signingSecret,
        @DefaultValue("false") boolean allowUnsigned,
        @DefaultValue("60s") Duration maxClockSkew) {

    public boolean hasSecret() {
        return signingSecret != null && !signingSecret.isBlank();
    }

    /** Never prints the secret, whoever logs this record. */
    @Override
    public String toString() {
        return "SecurityProperties[signingSecret=" + (hasSecret() ? "(set)" : "(none)") + ", allowUnsigned="
                + allowUnsigned + ", maxClockSkew=" + maxClockSkew + "]";
    }
}

package io.mlsyslab.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secret the gateway signs forwarded principals with, shared with every service under the same property
 * ({@code mlsyslab.security.signing-secret}, env {@code LAB_SIGNING_SECRET}).
 *
 * @param signingSecret at least 32 characters
 * @param allowUnsigned start without a secret and forward requests unsigned (the services must then allow unsigned
 *                      requests too); for tests only
 */
@ConfigurationProperties("mlsyslab.security")
public record SigningProperties(String signingSecret, @DefaultValue("false") boolean allowUnsigned) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "SigningProperties[signingSecret=" + (signingSecret == null || signingSecret.isBlank() ? "(none)"
                : "(set)") + ", allowUnsigned=" + allowUnsigned + "]";
    }
}

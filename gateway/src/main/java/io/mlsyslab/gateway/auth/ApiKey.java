package io.mlsyslab.gateway.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured API key. Only the SHA-256 of the secret is known to the gateway, so configuration files and
 * environment variables never hold a usable credential.
 *
 * @param name      who the key belongs to; forwarded upstream and written to the access log
 * @param role      what the key may do
 * @param sha256Hex hex SHA-256 of the secret (64 hex digits, any case)
 */
public record ApiKey(String name, Role role, String sha256Hex) {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public ApiKey {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: must be 1-64 characters of [A-Za-z0-9._@-], got " + name);
        }
        Objects.requireNonNull(role, "role: must be one of reader, writer, admin");
        if (sha256Hex == null || !HEX_64.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("sha256: must be 64 hex digits (SHA-256 of the secret) for key " + name);
        }
        sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
    }
}

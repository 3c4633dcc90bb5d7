package io.mlsyslab.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the API key whose hash matches a presented secret. */
public final class ApiKeyRegistry {

    private final Map<String, ApiKey> byHash;

    public ApiKeyRegistry(List<ApiKey> keys) {
        Map<String, ApiKey> map = new LinkedHashMap<>();
        Map<String, ApiKey> byName = new LinkedHashMap<>();
        for (ApiKey key : keys) {
            ApiKey sameHash = map.putIfAbsent(key.sha256Hex(), key);
            if (sameHash != null) {
                throw new IllegalArgumentException("sha256: keys " + sameHash.name() + " and " + key.name()
                        + " have the same secret");
            }
            if (byName.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("name: key name " + key.name() + " is configured twice");
            }
        }
        this.byHash = Map.copyOf(map);
    }

    /**
     * Looks the secret up by its hash. The lookup compares hashes, never secrets, so its timing says nothing
     * useful about a stored secret.
     */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256Hex(secret)));
    }

    public int size() {
        return byHash.size();
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code secret}: the form keys are configured in. */
    public static String sha256Hex(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}

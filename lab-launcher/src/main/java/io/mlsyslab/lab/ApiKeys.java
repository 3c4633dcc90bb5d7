package io.mlsyslab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The lab's admin API key: LAB_API_KEY if set, else one generated once and kept (mode 0600) in LAB_HOME. */
final class ApiKeys {

    private ApiKeys() {}

    static String adminKey(LabConfig config) throws IOException {
        if (config.apiKey() != null) {
            return config.apiKey();
        }
        Path file = config.home().resolve("api-key");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String key = "lab_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(config.home());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "\n");
        return key;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

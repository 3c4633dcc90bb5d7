package io.mlsyslab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The secret the gateway and the services sign and check forwarded principals with: {@code LAB_SIGNING_SECRET} if
 * set, else 32 random bytes generated once and kept (mode 0600) in {@code LAB_HOME/signing-secret}, beside the API
 * key, so a restarted child signs like the others. It reaches the children only through their environment.
 */
final class LabSecrets {

    static final String SIGNING_SECRET_ENV = "LAB_SIGNING_SECRET";
    static final String FILE = "signing-secret";
    /** What the services accept at least (platform-api's {@code RequestSigner.MIN_SECRET_LENGTH}). */
    static final int MIN_LENGTH = 32;

    private LabSecrets() {}

    /** The environment every child gets: the signing secret. */
    static Map<String, String> childEnvironment(LabConfig config) {
        try {
            return Map.of(SIGNING_SECRET_ENV, signingSecret(config.home(), System.getenv()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + config.home().resolve(FILE), e);
        }
    }

    static String signingSecret(Path home, Map<String, String> environment) throws IOException {
        String given = environment.get(SIGNING_SECRET_ENV);
        if (given != null && !given.isBlank()) {
            if (given.strip().length() < MIN_LENGTH) {
                // never quote the value
                throw new IllegalArgumentException(SIGNING_SECRET_ENV + " must be at least " + MIN_LENGTH
                        + " characters long (e.g. openssl rand -hex 32)");
            }
            return given.strip();
        }
        Path file = home.resolve(FILE);
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.createDirectories(home);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n");
        return secret;
    }
}

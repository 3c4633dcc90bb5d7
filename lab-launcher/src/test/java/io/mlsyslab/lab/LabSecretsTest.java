package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's signing secret: generated once, private to its owner, the same at every start; the environment wins. */
class LabSecretsTest {

    @TempDir
    Path home;

    @Test
    void generatedOnceKeptPrivateAndReused() throws Exception {
        String first = LabSecrets.signingSecret(home, Map.of());
        assertThat(first).matches("[0-9a-f]{64}");
        Path file = home.resolve(LabSecrets.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(LabSecrets.signingSecret(home, Map.of())).isEqualTo(first);
    }

    @Test
    void theEnvironmentWinsAndMustBeLongEnough() throws Exception {
        String given = "g".repeat(40);
        assertThat(LabSecrets.signingSecret(home, Map.of("LAB_SIGNING_SECRET", given))).isEqualTo(given);
        assertThat(home.resolve(LabSecrets.FILE)).doesNotExist();
        assertThatThrownBy(() -> LabSecrets.signingSecret(home, Map.of("LAB_SIGNING_SECRET", "short-one")))
                .hasMessageContaining("at least 32").hasMessageNotContaining("short-one");
    }
}

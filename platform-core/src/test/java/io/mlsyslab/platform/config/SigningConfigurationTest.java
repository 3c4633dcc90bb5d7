package io.mlsyslab.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.platform.security.SecurityProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A service without a signing secret does not start, unless unsigned requests are allowed by name. */
class SigningConfigurationTest {

    @Test
    void noSecretStopsTheStart() {
        assertThatThrownBy(() -> SigningConfiguration.signer(properties(null, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LAB_SIGNING_SECRET").hasMessageContaining("allow-unsigned");
    }

    @Test
    void aShortSecretStopsTheStartWithoutBeingQuoted() {
        assertThatThrownBy(() -> SigningConfiguration.signer(properties("too-short", false)))
                .hasMessageContaining("at least 32").hasMessageNotContaining("too-short");
    }

    @Test
    void allowUnsignedWithoutSecretHasNoSignerAndTheSecretIsNeverPrinted() {
        assertThat(SigningConfiguration.signer(properties(null, true))).isNull();
        assertThat(SigningConfiguration.signer(properties("s".repeat(40), false))).isNotNull();
        assertThat(properties("s".repeat(40), false).toString()).doesNotContain("ssss");
    }

    private static SecurityProperties properties(String secret, boolean allowUnsigned) {
        return new SecurityProperties(secret, allowUnsigned, Duration.ofSeconds(60));
    }
}

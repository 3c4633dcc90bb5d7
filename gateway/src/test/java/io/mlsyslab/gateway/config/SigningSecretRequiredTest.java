package io.mlsyslab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.gateway.auth.SigningProperties;
import org.junit.jupiter.api.Test;

/** Without a signing secret the gateway does not start, unless unsigned forwarding is asked for by name. */
class SigningSecretRequiredTest {

    private final GatewayConfiguration configuration = new GatewayConfiguration();

    @Test
    void noSecretStopsTheStart() {
        assertThatThrownBy(() -> configuration.forwardedPrincipal(new SigningProperties(null, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LAB_SIGNING_SECRET");
        assertThatThrownBy(() -> configuration.forwardedPrincipal(new SigningProperties("  ", false)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShortSecretStopsTheStartWithoutBeingQuoted() {
        assertThatThrownBy(() -> configuration.forwardedPrincipal(new SigningProperties("too-short", false)))
                .hasMessageContaining("at least 32").hasMessageNotContaining("too-short");
    }

    @Test
    void allowUnsignedStartsWithoutSecretAndNothingPrintsTheSecret() {
        assertThat(configuration.forwardedPrincipal(new SigningProperties(null, true))).isNotNull();
        assertThat(new SigningProperties("x".repeat(40), false).toString()).doesNotContain("xxxx");
    }
}

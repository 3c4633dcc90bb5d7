package io.mlsyslab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorExceptionTest {

    @Test
    void keepsTheFieldColonMessageFormOfOlderCode() {
        FieldErrorException e = new FieldErrorException("spines", "must be >= 1, was 0");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.getMessage()).isEqualTo("spines: must be >= 1, was 0");
        assertThat(e.reason()).isEqualTo(FieldErrorException.Reason.UNPROCESSABLE);
        assertThat(e.reason().status()).isEqualTo(422);
    }

    @Test
    void factoriesCarryTheirStatus() {
        assertThat(FieldErrorException.invalid("a", "b").reason().status()).isEqualTo(400);
        assertThat(FieldErrorException.unprocessable("a", "b").reason().status()).isEqualTo(422);
        assertThat(FieldErrorException.tooLarge("a", "b").reason().status()).isEqualTo(413);
    }

    @Test
    void prefixesJoinPropertiesWithADotAndIndicesDirectly() {
        FieldErrorException e = new FieldErrorException(FieldErrorException.Reason.TOO_LARGE,
                List.of(new FieldError("k", "odd"), new FieldError("[2]", "negative")));
        FieldErrorException p = e.prefixed("fabric");
        assertThat(p.errors()).containsExactly(new FieldError("fabric.k", "odd"), new FieldError("fabric[2]", "negative"));
        assertThat(p.reason()).isEqualTo(FieldErrorException.Reason.TOO_LARGE);
        assertThat(p.getMessage()).isEqualTo("fabric.k: odd; fabric[2]: negative");
        assertThat(e.prefixed("").errors()).isEqualTo(e.errors());
        assertThat(e.withReason(FieldErrorException.Reason.INVALID).reason().status()).isEqualTo(400);
    }

    @Test
    void aFieldErrorNamesItsField() {
        assertThatThrownBy(() -> new FieldError(" ", "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FieldErrorException(FieldErrorException.Reason.INVALID, List.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new FieldError("a", null).message()).isEqualTo("invalid");
    }
}

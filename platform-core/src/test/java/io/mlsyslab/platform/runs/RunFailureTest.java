package io.mlsyslab.platform.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.FieldErrorException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A failed run's error names no Java type, whatever the kind threw; a kind's own words and fields stay. */
class RunFailureTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void typedFieldErrorsKeepTheirFields() {
        JsonNode error = RunFailure.describe(FieldErrorException.unprocessable("sigma", "too small"), json);
        assertThat(error.path("type").asString()).isEqualTo("InvalidParams");
        assertThat(error.path("errors").get(0).path("field").asString()).isEqualTo("sigma");
        assertThat(error.toString()).doesNotContain("Exception");
    }

    @Test
    void aKindsOwnMessageStays() {
        JsonNode error = RunFailure.describe(new IllegalStateException("asked to fail at step 1"), json);
        assertThat(error.path("type").asString()).isEqualTo("Failed");
        assertThat(error.path("message").asString()).isEqualTo("asked to fail at step 1");
    }

    @Test
    void internalsAreNeverShown() {
        Throwable[] thrown = {new NullPointerException(), new ArithmeticException("/ by zero"),
                new IllegalArgumentException("Cannot invoke \"java.lang.Double.doubleValue()\" because x is null"),
                new IllegalStateException(new java.io.IOException("disk")), new OutOfMemoryError("Java heap space"),
                new IllegalArgumentException((String) null)};
        for (Throwable e : thrown) {
            JsonNode error = RunFailure.describe(e, json);
            assertThat(error.path("type").asString()).as(e.toString()).isEqualTo("InternalError");
            assertThat(error.toString()).as(e.toString()).doesNotContainPattern("java\\.|Exception|OutOfMemory|heap|zero");
        }
    }
}

package io.mlsyslab.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/**
 * What every answer to a client mistake must be: never a 5xx, a 4xx as problem+json that names the wrong field (400,
 * 413, 422), no Java or library name in its text, no NaN or infinity in any answer.
 */
public final class ClientErrorAnswers {

    /** Names that only the server's internals could have put in a body. */
    public static final Pattern INTERNALS = Pattern.compile(
            "java\\.|tools\\.jackson|com\\.fasterxml|Exception|StreamReadConstraints|`int`|enable .{1,80} to allow");
    /** A non-finite number, bare or as Jackson writes it in a string. */
    private static final Pattern NON_FINITE = Pattern.compile("[:\\[,]\\s*\"?(NaN|-?Infinity)\"?\\s*[,}\\]]");

    private ClientErrorAnswers() {
    }

    /** Checks {@code answer} to the request described by {@code what} (method, path, body: shown on failure). */
    public static void check(String what, HttpJson.Response answer) {
        String body = answer.raw().body();
        String shown = what + "\n-> " + answer.status() + " " + body;
        assertThat(answer.status()).as(shown).isLessThan(500);
        assertThat(body).as(shown).doesNotContainPattern(INTERNALS).doesNotContainPattern(NON_FINITE);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
            assertThat(answer.json().path("status").asInt()).as(shown).isEqualTo(answer.status());
        }
        if (answer.status() == 400 || answer.status() == 413 || answer.status() == 422) {
            assertThat(answer.json().path("errors").isEmpty()).as(shown + "\n(no field named)").isFalse();
            answer.json().path("errors").forEach(error -> assertThat(error.path("field").asString()).as(shown)
                    .isNotBlank());
        }
    }
}

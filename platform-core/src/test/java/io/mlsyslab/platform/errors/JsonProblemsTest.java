package io.mlsyslab.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.platform.config.StrictJson;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Every parser or binding failure becomes a field and a message that names no Java or Jackson type or switch. */
class JsonProblemsTest {

    /** What the adversarial review found in error texts, and the library's names in general. */
    static final Pattern INTERNALS = Pattern.compile(
            "java\\.|tools\\.jackson|com\\.fasterxml|Exception|StreamReadConstraints|Feature|CoercionConfig|`"
                    + "|enable .* to allow|\\$");

    record Params(Integer count, Double rate, Boolean on, String name, Long big, List<Integer> xs, int prim,
                  Params inner, Object any) {
    }

    final JsonMapper strict = StrictJson.apply(JsonMapper.builder()).build();

    private FieldError errorOf(String json) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> strict.readValue(json, Params.class));
        assertThat(e).as(json).isNotNull();
        return JsonProblems.fieldError(e, "params");
    }

    @Test
    void noMessageNamesALibraryOrJavaType() {
        String deep = "[".repeat(1_200) + "]".repeat(1_200);
        for (String json : new String[]{"{\"count\":99999999999}", "{\"big\":99999999999999999999999}",
                "{\"rate\":NaN}", "{\"rate\":-Infinity}", "{'count':1}", "{count:1}", "{\"count\":01}",
                "{\"count\":+1}", "{\"count\":.5}", "{\"any\":" + deep + "}", "{\"name\":\"a\u0001b\"}",
                "{\"prim\":null}", "{\"prim\":\"5\"}", "{\"xs\":5}", "{\"count\":[1]}", "{\"name\":{}}",
                "{\"rate\":1" + "0".repeat(1_100) + "}", "{\"count\":-}", "[", "", "{\"count\":1,}",
                "{\"name\":\"\\x\"}", "{\"count\":1e400}", "{\"inner\":{\"inner\":{\"on\":1}}}", "{\"zz\":1}",
                "{\"inner\":[]}", "{\"count\":0x10}"}) {
            FieldError error = errorOf(json);
            assertThat(error.message()).as(json).isNotBlank().doesNotContainPattern(INTERNALS);
            assertThat(error.field()).as(json).doesNotContainPattern(INTERNALS);
        }
    }

    @Test
    void messagesSayWhatWasExpectedAndWhere() {
        FieldError range = errorOf("{\"count\":99999999999}");
        assertThat(range.field()).isEqualTo("params.count");
        assertThat(range.message()).isEqualTo("out of range: expected an integer in [-2147483648, 2147483647]");

        FieldError nested = errorOf("{\"inner\":{\"inner\":{\"on\":1}}}");
        assertThat(nested.field()).isEqualTo("params.inner.inner.on");
        assertThat(nested.message()).contains("boolean");

        assertThat(errorOf("{\"rate\":NaN}").message()).isEqualTo("Non-standard token 'NaN'");
        assertThat(errorOf("{\"any\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}").message())
                .startsWith("the document exceeds a limit of the JSON reader: at most 500 levels of nesting");
        assertThat(errorOf("{\"prim\":\"5\"}").message()).isEqualTo("expected an integer");
    }
}

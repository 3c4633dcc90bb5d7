package io.mlsyslab.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonValue;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The strict scalar rules: each coercion Jackson does by default is refused, natural shapes still bind. */
class StrictJsonTest {
    enum Mode {
        FAST("fast"), SLOW("slow");

        private final String wire;

        Mode(String wire) {
            this.wire = wire;
        }

        @JsonValue
        String wire() {
            return wire;
        }
    }

    record Params(Integer count, Double rate, Boolean on, Mode mode, String name, Long big) {
    }

    final JsonMapper strict = StrictJson.apply(JsonMapper.builder()).build();
    final JsonMapper lenient = JsonMapper.builder().build();

    @Test
    void naturalShapesBind() {
        Params p = strict.readValue("{\"count\":3,\"rate\":2,\"on\":true,\"mode\":\"slow\",\"name\":\"x\",\"big\":9}",
                Params.class);
        assertThat(p).isEqualTo(new Params(3, 2.0, true, Mode.SLOW, "x", 9L));
    }

    @Test
    void everyDefaultCoercionIsRefused() {
        for (String json : new String[]{"{\"count\":\"5\"}", "{\"count\":1.5}", "{\"rate\":\"0.5\"}",
                "{\"on\":1}", "{\"on\":\"true\"}", "{\"mode\":0}", "{\"name\":7}", "{\"name\":false}",
                "{\"big\":\"9\"}", "{\"big\":2.5}"}) {
            // the default mapper takes each of these: the rule is what refuses them
            assertThat(lenient.readValue(json, Params.class)).as(json).isNotNull();
            assertThatThrownBy(() -> strict.readValue(json, Params.class)).as(json)
                    .isInstanceOf(JacksonException.class);
        }
        assertThatThrownBy(() -> strict.readValue("{\"count\":true}", Params.class))
                .isInstanceOf(JacksonException.class);
    }
}

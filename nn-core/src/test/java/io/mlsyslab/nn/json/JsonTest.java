package io.mlsyslab.nn.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void parsesAndWritesRoundTrip() {
        String text = "{\"a\": [1, -2.5e3, true, null, \"x\\n\\u00e9\\\"\"], \"b\": {}}";
        Map<String, Object> m = Json.parseObject(text);
        assertThat((List<Object>) m.get("a")).containsExactly(1L, -2500.0, true, null, "x\né\"");
        assertThat(Json.parse(Json.write(m))).isEqualTo(m);
    }

    @Test
    void rejectsMalformedInputWithOffsets() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessageStartingWith("json: expected a string key at offset 7");
        assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessageStartingWith("json: expected ',' or ']'");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("1 x")).hasMessageContaining("trailing");
    }
}

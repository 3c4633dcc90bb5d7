package io.mlsyslab.platform.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ParamsSchemaTest {

    enum Colour {
        LIGHT_RED("light-red"), DARK_BLUE("dark-blue");

        private final String wire;

        Colour(String wire) {
            this.wire = wire;
        }

        @JsonValue
        String wire() {
            return wire;
        }
    }

    record Inner(@Min(1) Integer ranks) {}

    record Params(
            @ParamDescription("sizes") @Size(min = 1, max = 4) List<@Min(2) @Max(32) Integer> sizes,
            List<@Pattern(regexp = "a|b") String> names,
            List<@DecimalMin("1") @DecimalMax(value = "1e12", inclusive = false) Double> bytes,
            Map<String, @Positive Double> weights,
            @Size(max = 3) List<@Size(max = 5) String> labels,
            List<Colour> colours,
            Colour colour,
            @NotBlank @Pattern(regexp = "x|y") String mode,
            @Min(0) int count,
            List<Inner> inners,
            double[] raw) {}

    private final JsonMapper json = JsonMapper.builder().build();

    private ObjectNode schema() {
        return new ParamsSchema(json).of(Params.class, null);
    }

    @Test
    void listElementConstraintsArePublishedOnItems() {
        ObjectNode s = schema();
        var sizes = s.path("properties").path("sizes");
        assertThat(sizes.path("type").asString()).isEqualTo("array");
        assertThat(sizes.path("minItems").asInt()).isEqualTo(1);
        assertThat(sizes.path("maxItems").asInt()).isEqualTo(4);
        assertThat(sizes.path("description").asString()).isEqualTo("sizes");
        assertThat(sizes.path("items").path("type").asString()).isEqualTo("integer");
        assertThat(sizes.path("items").path("minimum").asInt()).isEqualTo(2);
        assertThat(sizes.path("items").path("maximum").asInt()).isEqualTo(32);
        assertThat(s.path("properties").path("names").path("items").path("pattern").asString()).isEqualTo("^(?:a|b)$");
        var bytes = s.path("properties").path("bytes").path("items");
        assertThat(bytes.path("minimum").asDouble()).isEqualTo(1.0);
        assertThat(bytes.path("exclusiveMaximum").asDouble()).isEqualTo(1e12);
        assertThat(bytes.has("maximum")).isFalse();
        var labels = s.path("properties").path("labels");
        assertThat(labels.path("maxItems").asInt()).isEqualTo(3);
        assertThat(labels.path("items").path("maxLength").asInt()).isEqualTo(5);
        assertThat(labels.path("items").has("maxItems")).isFalse();
    }

    @Test
    void mapValueConstraintsArePublishedOnAdditionalProperties() {
        var weights = schema().path("properties").path("weights");
        assertThat(weights.path("type").asString()).isEqualTo("object");
        assertThat(weights.path("additionalProperties").path("type").asString()).isEqualTo("number");
        assertThat(weights.path("additionalProperties").path("exclusiveMinimum").asInt()).isZero();
    }

    @Test
    void enumsListTheirWireNamesAlsoAsListElements() {
        ObjectNode s = schema();
        assertThat(s.path("properties").path("colour").path("enum").toString()).isEqualTo("[\"light-red\",\"dark-blue\"]");
        assertThat(s.path("properties").path("colours").path("items").path("enum").toString())
                .isEqualTo("[\"light-red\",\"dark-blue\"]");
    }

    @Test
    void componentConstraintsRequiredFieldsAndNestedRecords() {
        ObjectNode s = schema();
        assertThat(s.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(s.path("required").toString()).isEqualTo("[\"mode\"]");
        assertThat(s.path("properties").path("mode").path("pattern").asString()).isEqualTo("^(?:x|y)$");
        assertThat(s.path("properties").path("mode").path("minLength").asInt()).isEqualTo(1);
        assertThat(s.path("properties").path("count").path("minimum").asInt()).isZero();
        var inner = s.path("properties").path("inners").path("items");
        assertThat(inner.path("type").asString()).isEqualTo("object");
        assertThat(inner.path("properties").path("ranks").path("minimum").asInt()).isEqualTo(1);
        assertThat(s.path("properties").path("raw").path("items").path("type").asString()).isEqualTo("number");
    }

    @Test
    void unconstrainedElementsCarryNoConstraintKeywords() {
        var colours = schema().path("properties").path("colours").path("items");
        assertThat(colours.has("minimum") || colours.has("pattern") || colours.has("maxLength")).isFalse();
    }
}

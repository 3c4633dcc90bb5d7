package io.mlsyslab.platform.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.platform.errors.ProblemException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How {@link RunKindRegistry#bind} turns bad params into field problems, typed and (older code) textual. */
class RunKindRegistryBindTest {

    enum Shape {
        RING("ring-all-reduce"), TREE("double-binary-tree");

        private final String wire;

        Shape(String wire) {
            this.wire = wire;
        }

        @JsonValue
        String wire() {
            return wire;
        }
    }

    record Traffic(Integer ranks) {
        Traffic {
            if (ranks != null && ranks > 8) {
                throw FieldErrorException.tooLarge("ranks", "at most 8");
            }
        }
    }

    record Params(List<@Min(2) @Max(32) Integer> sizes, List<Shape> shapes, Integer budget, Integer legacy,
                  Traffic traffic, Map<String, @Min(0) Integer> weights) {
        Params {
            if (budget != null && budget > 100) {
                throw FieldErrorException.tooLarge("budget", "over 100");
            }
            if (budget != null && budget < 0) {
                throw new FieldErrorException("budget", "negative budgets are not computable");
            }
            if (legacy != null && legacy < 0) {
                throw new IllegalArgumentException("legacy: must be >= 0");
            }
        }
    }

    static final class Kind implements RunKind<Params, Params> {
        @Override
        public String name() {
            return "bind-test";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public Class<Params> paramsType() {
            return Params.class;
        }

        @Override
        public Params execute(Params params, RunContext ctx) {
            return params;
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    private final RunKindRegistry registry = new RunKindRegistry(List.of(new Kind()), json, validator);

    private ProblemException bind(String params) {
        JsonNode node = json.readTree(params);
        return catchThrowableOfType(ProblemException.class, () -> registry.bind(new Kind(), node));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errors(ProblemException e) {
        return (List<Map<String, String>>) e.properties().get("errors");
    }

    @Test
    void typedErrorsKeepTheirStatusAndFieldWithoutParsing() {
        ProblemException big = bind("{\"budget\": 101}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(errors(big)).containsExactly(Map.of("field", "params.budget", "message", "over 100"));
        ProblemException negative = bind("{\"budget\": -1}");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(errors(negative).getFirst().get("field")).isEqualTo("params.budget");
    }

    @Test
    void nestedRecordErrorsArePrefixedWithWhereTheRecordSits() {
        ProblemException e = bind("{\"traffic\": {\"ranks\": 9}}");
        assertThat(e.status()).isEqualTo(413);
        assertThat(errors(e).getFirst().get("field")).isEqualTo("params.traffic.ranks");
    }

    @Test
    void olderFieldColonMessageExceptionsStillNameTheField() {
        ProblemException e = bind("{\"legacy\": -1}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(errors(e)).containsExactly(Map.of("field", "params.legacy", "message", "must be >= 0"));
    }

    @Test
    void elementViolationsNameTheIndexNotTheContainerNode() {
        ProblemException e = bind("{\"sizes\": [4, 1, 64]}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(errors(e)).extracting(m -> m.get("field")).containsExactly("params.sizes[1]", "params.sizes[2]");
        ProblemException map = bind("{\"weights\": {\"a\": -3}}");
        assertThat(errors(map)).extracting(m -> m.get("field")).containsExactly("params.weights[a]");
    }

    @Test
    void enumsBindByWireNameAndRefuseOthersWithoutJavaTypeNames() {
        Params ok = (Params) registry.bind(new Kind(), json.readTree("{\"shapes\": [\"double-binary-tree\"]}"));
        assertThat(ok.shapes()).containsExactly(Shape.TREE);
        ProblemException e = bind("{\"shapes\": [\"ring-all-reduce\", \"TREE\"]}");
        assertThat(e.status()).isEqualTo(400);
        assertThat(errors(e).getFirst().get("field")).isEqualTo("params.shapes[1]");
        assertThat(errors(e).getFirst().get("message"))
                .isEqualTo("'TREE' is not one of [ring-all-reduce, double-binary-tree]");
        assertThat(e.getMessage()).doesNotContain("io.mlsyslab").doesNotContain("java.");
    }

    @Test
    void mistypedValuesSayWhatJsonWasExpected() {
        ProblemException e = bind("{\"budget\": \"many\"}");
        assertThat(errors(e).getFirst()).containsEntry("field", "params.budget");
        assertThat(errors(e).getFirst().get("message")).doesNotContain("java.").contains("integer");
        ProblemException list = bind("{\"sizes\": 3}");
        assertThat(list.getMessage()).doesNotContain("java.");
        ProblemException object = bind("{\"traffic\": [1]}");
        assertThat(object.getMessage()).doesNotContain("io.mlsyslab").doesNotContain("java.");
    }

    @Test
    void fieldPathsOfValidatorNodes() {
        Params p = new Params(List.of(1), null, null, null, null, null);
        var violation = validator.validate(p).iterator().next();
        assertThat(RunKindRegistry.fieldPath(violation.getPropertyPath())).isEqualTo(".sizes[0]");
    }
}

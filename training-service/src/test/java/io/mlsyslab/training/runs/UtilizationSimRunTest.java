package io.mlsyslab.training.runs;

import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.test.RecordingRunContext;
import io.mlsyslab.training.utilization.UtilizationReport;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UtilizationSimRunTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UtilizationSimRun KIND = new UtilizationSimRun();
    private static final RunKindRegistry REGISTRY = new RunKindRegistry(List.<RunKind<?, ?>>of(KIND), JSON, VALIDATOR);

    private static UtilizationSimParams bind(String json) {
        return (UtilizationSimParams) REGISTRY.bind(KIND, JSON.readTree(json));
    }

    @Test
    void defaultsReproduceTable4At95PercentWithResultChartsAndMetrics() {
        UtilizationSimParams params = bind("{}");
        RecordingRunContext ctx = new RecordingRunContext();
        UtilizationReport r = KIND.execute(params, ctx);

        assertThat(r.settings().paper()).isTrue();
        assertThat(r.cells()).hasSize(15);
        for (UtilizationReport.Cell c : r.cells()) {
            assertThat(c.targetUtilization()).isEqualTo(0.95);
            assertThat(c.paperGbps()).as(c.model() + " " + c.algorithm()).isNotNull();
            assertThat(c.gbps()).isCloseTo(c.paperGbps(), within(0.25 * c.paperGbps()));
            assertThat(c.paperRow()).isNotBlank();
        }
        assertThat(r.comparison().cellsCompared()).isEqualTo(15);
        assertThat(r.comparison().cellsWithin25Percent()).isEqualTo(15);

        assertThat(ctx.lastProgress()).isEqualTo(1.0);
        assertThat(ctx.metrics.get("training.utilization.sweep.gbps")).hasSize(61);
        assertThat(ctx.metrics.get("training.utilization.100b.streaming-diloco-overlap-fp4")).hasSize(61);
        assertThat(ctx.metrics.get("training.bandwidth.required.gbps")).hasSize(15);
        assertThat(ctx.metrics.get("training.bandwidth.relative.error")).hasSize(15)
                .allSatisfy(e -> assertThat(Math.abs(e)).isLessThanOrEqualTo(0.25));
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("Data-parallel").contains("Vanilla DiLoCo")
                .contains("+ overlap + FP4").contains("1b");
        assertThat(ctx.artifacts).containsKeys("chart-1b.svg", "chart-10b.svg", "chart-100b.svg");

        // result.json: the report serialises with the cells named next to the paper's values
        JsonNode json = JSON.valueToTree(r);
        assertThat(json.get("cells").get(0).get("paperGbps").asDouble()).isEqualTo(222.3);
        assertThat(json.get("settings").get("fragmentLayout").asString()).isEqualTo("strided");
    }

    @Test
    void customModelsAndSettingsAreNotComparedWithThePaper() {
        UtilizationSimParams params = bind("""
                {"models": [{"name": "tiny", "parameters": 1e8, "layers": 12, "stepSeconds": 0.05}],
                 "algorithms": ["data-parallel", "streaming-diloco"], "targetUtilizations": [0.5, 0.9],
                 "period": 50, "fragmentLayers": 2, "fragmentLayout": "sequential", "workers": 4,
                 "sweepPoints": 5}""");
        RecordingRunContext ctx = new RecordingRunContext();
        UtilizationReport r = KIND.execute(params, ctx);
        assertThat(r.cells()).hasSize(4).allSatisfy(c -> assertThat(c.paperGbps()).isNull());
        assertThat(r.comparison().cellsCompared()).isZero();
        assertThat(r.settings().ringFactor()).isEqualTo(1.5);
        assertThat(r.ratios()).hasSize(2);
        assertThat(ctx.artifacts).containsKeys("chart.svg", "chart-tiny.svg");
        assertThat(ctx.metrics.get("training.utilization.tiny.streaming-diloco")).hasSize(5);
    }

    @Test
    void cancellationStopsTheStudy() {
        assertThatThrownBy(() -> KIND.execute(bind("{}"), new RecordingRunContext(1)))
                .isInstanceOf(RunCancelledException.class);
    }

    @Test
    void defaultsAreValidAndPublished() {
        assertThat(VALIDATOR.validate(bind("{}"))).isEmpty();
        RunKindRegistry.KindInfo info = REGISTRY.describe().getFirst();
        assertThat(info.name()).isEqualTo("utilization-sim");
        assertThat(info.defaults().get("period").asInt()).isEqualTo(100);
        assertThat(info.defaults().get("models")).hasSize(3);
        assertThat(info.paramsSchema().toString()).contains("targetUtilizations").contains("stepSeconds");
    }

    @Test
    void limitsAreCheckedAtSubmissionNamingTheField() {
        assertThat(fields("""
                {"models": [{"name": "Big", "parameters": 0, "layers": 0, "stepSeconds": 0}],
                 "algorithms": ["ring"], "targetUtilizations": [1.5], "period": 0, "fragmentLayout": "random",
                 "workers": 1, "sweepPoints": 1}"""))
                .contains("params.models[0].name", "params.models[0].parameters", "params.models[0].layers",
                        "params.models[0].stepSeconds", "params.algorithms[0]",
                        "params.targetUtilizations[0]", "params.period", "params.fragmentLayout",
                        "params.workers", "params.sweepPoints");
        assertThat(fields("{\"models\": [{\"name\": \"x\"}]}")).contains("params.models[0].layers");
        assertThat(fields("{\"overlapSteps\": 5, \"period\": 5}")).containsExactly("params.overlapSteps");
        assertThat(fields("{\"minGbps\": 10, \"maxGbps\": 10}")).containsExactly("params.maxGbps");
        assertThat(fields("{\"algorithms\": [\"diloco\", \"diloco\"]}")).containsExactly("params.algorithms");
        assertThat(fields("""
                {"models": [{"name": "a", "parameters": 1e9, "layers": 2, "stepSeconds": 1},
                            {"name": "a", "parameters": 1e9, "layers": 2, "stepSeconds": 1}]}"""))
                .containsExactly("params.models");
        // too much work: the bound is enforced at submission, not inside execute()
        assertThat(fields("""
                {"models": [{"name": "a", "parameters": 1e12, "layers": 1000, "stepSeconds": 10},
                            {"name": "b", "parameters": 1e12, "layers": 1000, "stepSeconds": 10}],
                 "period": 10000, "targetUtilizations": [0.5, 0.9, 0.95, 0.99], "sweepPoints": 400}"""))
                .containsExactly("params.period");
        assertThat(fields("{\"bandwidth\": 1}")).containsExactly("params.bandwidth");
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(String json) {
        try {
            bind(json);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return ((List<Map<String, String>>) e.properties().get("errors")).stream().map(m -> m.get("field"))
                    .toList();
        }
        throw new AssertionError("accepted " + json);
    }
}

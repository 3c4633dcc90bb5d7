package io.mlsyslab.inference.runs;

import io.mlsyslab.inference.nanoflow.Comparison;
import io.mlsyslab.inference.nanoflow.WorkloadPrediction;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.test.RecordingRunContext;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NanoflowModelRunTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static NanoflowModelParams params(String model, String gpu, Integer gpus, List<String> workloads,
                                              Integer min, Integer max, Double step) {
        return new NanoflowModelParams(model, gpu, gpus, workloads, null, min, max, step);
    }

    @Test
    void producesResultChartAndMetricSeries() {
        RecordingRunContext ctx = new RecordingRunContext();
        NanoflowModelParams p = params(null, null, null, List.of("512/512", "lmsys-chat"), 2, 3, 0.2);
        NanoflowModelResult r = new NanoflowModelRun().execute(p, ctx);
        assertThat(r.model()).isEqualTo("llama-2-70b");
        assertThat(r.gpus()).isEqualTo(8);
        assertThat(r.predictions()).extracting(WorkloadPrediction::workload).containsExactly("512/512", "lmsys-chat");
        for (WorkloadPrediction w : r.predictions()) {
            assertThat(w.schedule().attentionNanoBatches()).isBetween(2, 3);
            assertThat(w.schedule().ffnNanoBatches()).isBetween(2, 3);
            assertThat(w.nanoflowTokensPerGpu()).isLessThan(w.optimalTokensPerGpu()).isPositive();
        }
        assertThat(r.closedForms().table2().getLast().op()).isEqualTo("Total");
        assertThat(r.comparisons()).extracting(Comparison::name).contains("Table 2 total compute ms",
                "Fig. 7 NanoFlow 512/512", "Fig. 7 NanoFlow lmsys-chat", "Fig. 9 non-overlap 512/512");
        assertThat(r.comparisonsWithin()).isEqualTo(r.comparisons().stream().filter(Comparison::within).count());
        assertThat(ctx.metrics.get("nanoflow.throughput.tokens.per.second.per.gpu")).hasSize(2);
        assertThat(ctx.metrics.get("nanoflow.nonoverlap.tokens.per.second.per.gpu")).hasSize(2);
        assertThat(ctx.metrics.get("nanoflow.optimal.fraction")).allMatch(f -> f > 0 && f < 1);
        assertThat(ctx.lastProgress()).isEqualTo(1.0);
        // the result becomes result.json: it must serialise, with the schedule and the comparisons as fields
        JsonNode json = JsonMapper.builder().build().valueToTree(r);
        assertThat(json.path("predictions").get(0).path("schedule").path("attentionNanoBatches").asInt())
                .isBetween(2, 3);
        assertThat(json.path("comparisons").get(0).has("relativeError")).isTrue();
        assertThat(json.path("closedForms").path("optimalNote").asString()).contains("2000");
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("optimal (Eq. 5)", "NanoFlow (model)", "NanoFlow (paper)",
                "lmsys-chat");
    }

    @Test
    void otherModelsAndGpusRunWithoutPaperBars() {
        RecordingRunContext ctx = new RecordingRunContext();
        NanoflowModelResult r = new NanoflowModelRun().execute(params("llama-3-8b", "H100-SXM", null,
                List.of("1024/512"), 1, 2, 0.25), ctx);
        assertThat(r.gpus()).isEqualTo(1);
        WorkloadPrediction w = r.predictions().getFirst();
        // 80 GB minus 16 GB of weights cannot hold a 2048-token dense batch at 1024/512: the budget shrinks
        assertThat(w.denseTokens()).isLessThan(2048).isGreaterThan(500);
        assertThat(r.comparisons()).noneMatch(c -> c.name().startsWith("Fig. 7"));
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertThat(svg).doesNotContain("NanoFlow (paper)");
    }

    @Test
    void cancellationStopsBetweenWorkloads() {
        NanoflowModelParams p = params(null, null, null, List.of("512/512", "sharegpt"), 1, 1, 0.3);
        assertThatThrownBy(() -> new NanoflowModelRun().execute(p, new RecordingRunContext(0)))
                .isInstanceOf(RunCancelledException.class);
    }

    @Test
    void defaultsAreThePapersSetupAndValid() {
        NanoflowModelParams d = new NanoflowModelParams(null, null, null, null, null, null, null, null);
        assertThat(VALIDATOR.validate(d)).isEmpty();
        assertThat(d.model()).isEqualTo("llama-2-70b");
        assertThat(d.gpu()).isEqualTo("A100-80G");
        assertThat(d.gpus()).isEqualTo(8);
        assertThat(d.denseBatch()).isEqualTo(2048);
        assertThat(d.workloads()).containsExactly("512/512", "1024/512", "512/1024", "splitwise", "lmsys-chat",
                "sharegpt", "512/0");
        assertThat(params("llama-3-8b", null, null, null, null, null, null).gpus()).isEqualTo(1);
    }

    @Test
    void namesAndRangesAreValidatedByAnnotations() {
        NanoflowModelParams bad = new NanoflowModelParams("gpt-2", "TPU-v5", 0, List.of("0/5", "abc"), 64, 0, 9, 0.01);
        assertThat(VALIDATOR.validate(bad)).extracting(v -> v.getPropertyPath().toString().replaceAll("\\[.*", ""))
                .contains("model", "gpu", "gpus", "workloads", "denseBatch", "minNanoBatches", "maxNanoBatches",
                        "shareStep");
    }

    @Test
    void crossFieldRulesNameTheirField() {
        assertThatThrownBy(() -> params(null, null, null, null, 4, 2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxNanoBatches:");
        assertThatThrownBy(() -> params(null, null, null, List.of("512/512", "512/512"), null, null, null))
                .hasMessageStartingWith("workloads:");
        assertThatThrownBy(() -> params("llama-2-70b", "A100-80G", 1, null, null, null, null))
                .hasMessageStartingWith("gpus:");
        assertThatThrownBy(() -> params(null, null, null, null, 1, 8, 0.05))
                .hasMessageStartingWith("maxNanoBatches:").hasMessageContaining("at most");
    }
}

package io.mlsyslab.storage.runs;

import tools.jackson.databind.json.JsonMapper;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.test.RecordingRunContext;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffloadModelRunTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static OffloadModelParams defaults() {
        return new OffloadModelParams(null, null, null, null, null, null);
    }

    @Test
    void defaultsReproduceThePaperAndProduceResultChartAndMetrics() {
        RecordingRunContext ctx = new RecordingRunContext();
        OffloadModelResult r = new OffloadModelRun().execute(defaults(), ctx);
        assertThat(r.model()).isEqualTo("opt-13b");
        assertThat(r.paperConfiguration()).isTrue();
        assertThat(r.headlinesWithinTolerance()).isTrue();
        assertThat(r.ratios()).filteredOn(x -> x.headline()).hasSize(4)
                .allSatisfy(x -> assertThat(x.withinTolerance()).isTrue());
        assertThat(r.throughput().keySet()).containsExactly("deepspeed", "flexgen", "instinfer-1",
                "instinfer-sparf-1", "instinfer-2", "instinfer-sparf-2");
        assertThat(r.throughput().get("flexgen")).containsKeys(4, 64, 256);
        assertThat(r.throughput().get("flexgen").get(256)).isNull();
        assertThat(r.throughput().get("instinfer-2").get(256)).isPositive();
        assertThat(ctx.lastProgress()).isEqualTo(1.0);
        assertThat(ctx.metrics.get("offload.instinfer-1.tokens.per.second")).hasSize(7);
        assertThat(ctx.metrics.get("offload.flexgen.tokens.per.second")).hasSize(5);
        assertThat(ctx.metrics).containsKey("offload.instinfer-sparf-2.kv.access.share");
        String svg = new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("instinfer-sparf-2").contains("flexgen").contains("tokens/s");
        String json = JsonMapper.builder().build().writeValueAsString(r);
        assertThat(json).contains("\"ratios\"").contains("\"relativeError\"").contains("instinfer-vs-flexgen-bs64")
                .contains("\"withinTolerance\":true").contains("\"throughput\"");
    }

    @Test
    void otherModelsAndCancellation() {
        RecordingRunContext ctx = new RecordingRunContext();
        OffloadModelResult r = new OffloadModelRun().execute(new OffloadModelParams("llama-2-13b", 4, null,
                List.of(128, 16), null, null), ctx);
        assertThat(r.inputTokens()).isEqualTo(2048);
        assertThat(r.throughput().get("instinfer-4").keySet()).containsExactly(16, 128);
        assertThat(r.ratios()).extracting(x -> x.name()).contains("instinfer-bs128-vs-flexgen-bs16");
        assertThatThrownBy(() -> new OffloadModelRun().execute(defaults(), new RecordingRunContext(3)))
                .isInstanceOf(RunCancelledException.class);
    }

    @Test
    void submissionBindsDefaultsAndNamesTheBadField() {
        JsonMapper json = JsonMapper.builder().build();
        OffloadModelRun kind = new OffloadModelRun();
        RunKindRegistry registry = new RunKindRegistry(List.of(kind), json, VALIDATOR);
        RunKindRegistry.KindInfo info = registry.describe().getFirst();
        assertThat(info.defaults().get("model").asString()).isEqualTo("opt-13b");
        assertThat(info.defaults().get("inputTokens").asInt()).isEqualTo(1024);
        assertThat(info.paramsSchema().toString()).contains("sparsityRatio").contains("opt-30b");
        assertThat(registry.bind(kind, json.readTree("{}"))).isEqualTo(defaults());
        assertThatThrownBy(() -> registry.bind(kind, json.readTree("{\"model\":\"gpt-4\"}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("params.model");
                });
        assertThatThrownBy(() -> registry.bind(kind, json.readTree("{\"batches\":[0],\"drives\":1}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage())
                        .contains("params.batches").contains("params.drives"));
    }

    @Test
    void paramsAreValidatedAtSubmission() {
        assertThat(VALIDATOR.validate(defaults())).isEmpty();
        OffloadModelParams bad = new OffloadModelParams("opt-13b", 1, 0.0, List.of(0, 9000), 0, 40000);
        assertThat(VALIDATOR.validate(bad)).extracting(c -> c.getPropertyPath().toString().replaceAll("\\[.*", ""))
                .contains("drives", "sparsityRatio", "batches", "inputTokens", "outputTokens");
        assertThat(VALIDATOR.validate(new OffloadModelParams(null, null, null, List.of(), null, null)))
                .extracting(c -> c.getPropertyPath().toString()).contains("batches");
        assertThatThrownBy(() -> new OffloadModelParams("gpt-4", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("model:");
        assertThatThrownBy(() -> new OffloadModelParams(null, null, null, List.of(4, 4), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("batches:");
        assertThatThrownBy(() -> new OffloadModelParams("opt-13b", 41, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("drives:");
        assertThat(new OffloadModelParams(null, null, null, List.of(64, 4), null, null).batches())
                .containsExactly(4, 64);
    }
}

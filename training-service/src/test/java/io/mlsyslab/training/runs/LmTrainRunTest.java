package io.mlsyslab.training.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Checkpoint;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.NamedTensors;
import io.mlsyslab.nn.model.ParameterLayout;
import io.mlsyslab.nn.safetensors.SafeTensors;
import io.mlsyslab.nn.tokenizer.CharTokenizer;
import io.mlsyslab.nn.train.Gpt2TrainingPass;
import io.mlsyslab.platform.runs.RunCancelledException;
import io.mlsyslab.platform.test.RecordingRunContext;
import io.mlsyslab.training.trainer.InProcessTrainer;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingListener;
import io.mlsyslab.training.trainer.TrainingOutcome;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LmTrainRunTest {

    static LmTrainParams small(String algorithm, String corpus, String text) {
        return new LmTrainParams(algorithm, 2, 10, null, null, null, null, null, null, null, null, 4, null, null,
                null, 2, 16, 2, 16, 4, corpus, 16, 20_000, text, 2L * 4 * 16 * 30, 2, 1, null, 5L);
    }

    @Test
    void trainsAndExportsACheckpointThatLoadsWithTheTrainersLogits() {
        LmTrainParams p = small("streaming-diloco", "kjv", null);
        RecordingRunContext ctx = new RecordingRunContext();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LmTrainResult r = new LmTrainRun(new TrainingMeters(registry)).execute(p, ctx);

        assertThat(r.innerStepsRun()).isEqualTo(30);
        assertThat(r.quantisation()).isEqualTo("fp4-e3m0");
        assertThat(r.fragments()).isEqualTo(2);
        assertThat(ctx.metrics.get("train.loss")).hasSize(30);
        assertThat(ctx.metrics.get("eval.loss")).hasSize(3);
        assertThat(ctx.metrics.get("bytes.worker0").getLast()).isEqualTo((double) r.bytesSentPerWorker().get(0));
        assertThat(ctx.artifacts).containsKeys("config.json", "model.safetensors", "tokenizer.json",
                "sync-schedule.json", "chart.svg");
        assertThat(ctx.lastProgress()).isEqualTo(1.0);
        assertThat(new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8)).startsWith("<svg")
                .contains("held-out").contains("bytes sent");
        // Micrometer: bytes counted at the transport, tokens, outer steps, loss gauges
        assertThat(registry.get("training.bytes.sent").counter().count()).isEqualTo((double) r.totalBytes());
        assertThat(registry.get("training.tokens").counter().count()).isEqualTo((double) r.tokens());
        assertThat(registry.get("training.outer.steps").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("training.syncs").counter().count()).isEqualTo((double) r.syncs());
        assertThat(registry.get("training.loss.eval").tag("run", ctx.runId().toString()).gauge().value())
                .isEqualTo(r.finalEvalLoss());

        // the checkpoint loads in nn-core and computes the same logits as the trainer's final parameters
        GptConfig cfg = GptConfig.fromJson(new String(ctx.artifacts.get("config.json"), StandardCharsets.UTF_8));
        Gpt2Model loaded = Gpt2Checkpoint.fromSafeTensors(cfg, SafeTensors.fromBytes(ctx.artifacts.get("model.safetensors")));
        CharTokenizer tok = CharTokenizer.fromJson(new String(ctx.artifacts.get("tokenizer.json"), StandardCharsets.UTF_8));
        assertThat(tok.vocabSize()).isEqualTo(cfg.vocabSize()).isEqualTo(r.vocabSize());
        TrainerConfig c = p.toConfig();
        TrainingOutcome again = InProcessTrainer.train(c, TrainingListener.NONE);
        assertThat(again.finalEvalLoss()).isEqualTo(r.finalEvalLoss());
        Gpt2Model trained = new Gpt2Model(cfg, new NamedTensors(ParameterLayout.gpt2(cfg), again.finalParams()));
        int[] tokens = tok.encode("In the beginning God created the heaven and the earth. An")
                .clone();
        int[] in = java.util.Arrays.copyOf(tokens, 16);
        float[] a = logits(loaded, in), b = logits(trained, in);
        assertThat(a).containsExactly(b);
    }

    private static float[] logits(Gpt2Model m, int[] tokens) {
        Gpt2TrainingPass pass = new Gpt2TrainingPass(m, 1, tokens.length, ComputePool.serial());
        pass.forward(tokens, null);
        return pass.logits().clone();
    }

    @Test
    void dataParallelOnUploadedTextHasNoQuantisationAndOneSyncPerStep() {
        StringBuilder text = new StringBuilder();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            text.append("abcde fgh.".charAt(rnd.nextInt(10)));
        }
        RecordingRunContext ctx = new RecordingRunContext();
        LmTrainResult r = new LmTrainRun(new TrainingMeters(new SimpleMeterRegistry()))
                .execute(small("data-parallel", "text", text.toString()), ctx);
        assertThat(r.quantisation()).isEqualTo("none");
        assertThat(r.syncs()).isEqualTo(30);
        assertThat(r.entropyFloor()).isNull();
        assertThat(r.vocabSize()).isEqualTo(10);
        assertThat(ctx.metrics.get("sync.bytes")).hasSize(30);
    }

    @Test
    void cancellationStopsTheRun() {
        RecordingRunContext ctx = new RecordingRunContext(5);
        assertThatThrownBy(() -> new LmTrainRun(new TrainingMeters(new SimpleMeterRegistry()))
                .execute(small("diloco", "synthetic", null), ctx)).isInstanceOf(RunCancelledException.class);
    }

    @Test
    void paramsAreValidatedAtSubmission() {
        Validator v = Validation.buildDefaultValidatorFactory().getValidator();
        LmTrainParams defaults = new LmTrainParams(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
        assertThat(v.validate(defaults)).isEmpty();
        assertThat(defaults.toConfig().totalSteps()).isEqualTo(300);
        assertThat(defaults.quantisation()).isEqualTo("fp4-e3m0");
        assertThatThrownBy(() -> new LmTrainParams("streaming-diloco", 2, 12, 3, null, null, null, null, null, null,
                null, null, null, null, null, 4, null, null, null, null, null, null, null, null, null, null, null,
                null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fragments: fragments must divide nLayer=4");
        assertThatThrownBy(() -> new LmTrainParams("streaming-diloco", null, 20, 2, null, 10, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null)).hasMessageStartingWith("overlap:");
        assertThatThrownBy(() -> new LmTrainParams("data-parallel", null, null, null, null, null, null, "int8", null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null)).hasMessageStartingWith("quantisation:");
        assertThatThrownBy(() -> new LmTrainParams(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, 1000L, null, null, null,
                null)).hasMessageStartingWith("tokens:");
        assertThatThrownBy(() -> new LmTrainParams(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, 12, 512, 8, 512, null, null, null, null, null, 10_000_000L, null, null,
                null, null)).hasMessageStartingWith("nEmbd:");
        assertThatThrownBy(() -> new LmTrainParams(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, "text", null, null, null, null, null, null, null,
                null)).hasMessageStartingWith("text:");
        assertThatThrownBy(() -> new LmTrainParams(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, "text", null, null, "a short text, sixty characters long, for a corpus check.",
                null, null, null, null, null)).hasMessageStartingWith("text: a corpus of");
        assertThatThrownBy(() -> new DilocoCompareParams(1, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null)).hasMessageStartingWith("workers:");
        assertThatThrownBy(() -> new LmTrainParams("adam", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null)).hasMessageStartingWith("algorithm:");
    }
}

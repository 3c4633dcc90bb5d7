package io.mlsyslab.inference.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.platform.test.RecordingRunContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingBenchRunTest {

    @Test
    void sequentialAndNanoBatchServeTheSameGreedyTokensAndReportLatencies() throws Exception {
        ServingBenchParams p = new ServingBenchParams("tiny", 3L, 12, "poisson", 200.0, "sharegpt", null, null, 0.1,
                List.of("sequential", "nano-batch(3)"), null, 24, 6, 1, 2, 1, 0.0);
        RecordingRunContext ctx = new RecordingRunContext();
        ServingBenchResult r = new ServingBenchRun(new io.mlsyslab.platform.clients.ServicesProperties(java.util.Map.of(), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30)), io.mlsyslab.platform.test.TestSigning.asService("inference")).execute(p, ctx);
        assertThat(r.greedyOutputsEqual()).isTrue();
        assertThat(r.pipelines()).hasSize(2);
        for (ServingBenchResult.Pipeline pl : r.pipelines()) {
            assertThat(pl.outputTokensPerSecond()).isPositive();
            assertThat(pl.ttftP99Seconds()).isGreaterThanOrEqualTo(pl.ttftP50Seconds());
            assertThat(pl.maxBatchRows()).isLessThanOrEqualTo(24);
            assertThat(pl.computeBusyShare()).isPositive();
            assertThat(pl.memoryBusyShare()).isPositive();
        }
        assertThat(r.pipelines().get(1).speedupVsFirst()).isPositive();
        assertThat(ctx.metrics.get("time.to.first.token")).hasSize(24).allMatch(v -> v > 0);
        assertThat(ctx.metrics.get("time.to.first.token.nano-batch-3")).hasSize(12);
        assertThat(ctx.metrics).containsKey("time.per.output.token");
        assertThat(new String(ctx.artifacts.get("chart.svg"), StandardCharsets.UTF_8)).contains("<svg");
        assertThat(ctx.lastProgress()).isEqualTo(1.0);
    }

    @Test
    void kvOffloadStorageFailsClearlyWhenStorageIsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ServingBenchParams p = new ServingBenchParams("tiny", 3L, 2, null, null, "fixed", 4, 2, null,
                List.of("sequential"), "storage", 24, 2, 1, 1, 1, 0.0);
        ServingBenchRun run = new ServingBenchRun(new io.mlsyslab.platform.clients.ServicesProperties(
                java.util.Map.of("storage", "http://127.0.0.1:" + closed), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(5)), io.mlsyslab.platform.test.TestSigning.asService("inference"));
        assertThatThrownBy(() -> run.execute(p, new RecordingRunContext()))
                .hasMessageContaining("kvOffload: storage-service at http://127.0.0.1:" + closed + " is not usable");
        // an empty map is not "unconfigured": ServicesProperties fills every URL from the service catalogue
    }

    @Test
    void limitsAreCheckedAtSubmission() {
        assertThatThrownBy(() -> new ServingBenchParams("tiny", null, null, null, null, "fixed", 200, 100, null,
                null, null, null, null, null, null, null, null)).hasMessageStartingWith("promptTokens:");
        assertThatThrownBy(() -> new ServingBenchParams("gpt2-124m-shape", null, null, null, null, "sharegpt", null,
                null, null, null, null, null, null, 1, null, null, null)).hasMessageStartingWith("kvCacheMb:");
    }
}

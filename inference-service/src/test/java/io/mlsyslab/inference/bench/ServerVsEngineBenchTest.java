package io.mlsyslab.inference.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.PostgresIntegrationTest;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The served OpenAI completions endpoint (this service over real HTTP, without the gateway) vs the engine alone on
 * the same workload ({@link GatewayVsEngineMain#compare}): the served greedy tokens must equal the in-process ones;
 * the throughput ratio is printed, not asserted. Slow (a benchmark): run with
 * {@code ./mvnw -B -o -q -pl inference-service test -Dtest=ServerVsEngineBenchTest -Dsurefire.excludedGroups=none}.
 */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerVsEngineBenchTest extends PostgresIntegrationTest {
    static final Path MODEL_DIR = Path.of("target", "bench-models-" + UUID.randomUUID());

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        // the service's defaults, with the GEMM threads fixed so that the in-process engine uses the same
        r.add("mlsyslab.inference.model-dir", MODEL_DIR::toString);
        r.add("mlsyslab.inference.compute-threads", () -> "2");
    }

    @LocalServerPort
    int port;

    @Test
    void servedGreedyTokensEqualTheEngineAloneAndTheRatioIsPrinted() throws Exception {
        GatewayVsEngineMain.Comparison c = GatewayVsEngineMain.compare("http://127.0.0.1:" + port, "unused",
                "medium", 1, 32, 128, 64, 2, 2);
        assertThat(c.equal()).as("served greedy token ids equal the in-process engine's").isTrue();
        assertThat(c.ratios()).hasSize(2).allMatch(x -> x > 0);
    }
}

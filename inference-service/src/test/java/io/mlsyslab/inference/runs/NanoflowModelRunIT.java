package io.mlsyslab.inference.runs;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code nanoflow-model} run kind over real HTTP: defaults, submission-time validation, a run to its chart. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NanoflowModelRunIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    @Test
    void theKindIsListedWithThePapersDefaults() {
        JsonNode kinds = http.get("/api/inference/run-kinds").json().path("kinds");
        JsonNode kind = null;
        for (JsonNode k : kinds) {
            if (k.path("name").asString().equals("nanoflow-model")) {
                kind = k;
            }
        }
        assertThat(kind).as(kinds.toString()).isNotNull();
        assertThat(kind.path("defaults").path("model").asString()).isEqualTo("llama-2-70b");
        assertThat(kind.path("defaults").path("denseBatch").asInt()).isEqualTo(2048);
        assertThat(kind.path("paramsSchema").path("properties").has("maxNanoBatches")).isTrue();
    }

    @Test
    void badParamsAreRejectedAtSubmissionNamingTheField() {
        HttpJson.Response name = http.post("/api/inference/runs",
                "{\"kind\":\"nanoflow-model\",\"params\":{\"model\":\"gpt-2\"}}");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().path("errors").get(0).path("field").asString()).isEqualTo("params.model");
        HttpJson.Response cross = http.post("/api/inference/runs",
                "{\"kind\":\"nanoflow-model\",\"params\":{\"minNanoBatches\":4,\"maxNanoBatches\":2}}");
        assertThat(cross.status()).isEqualTo(400);
        assertThat(cross.json().path("errors").get(0).path("field").asString()).isEqualTo("params.maxNanoBatches");
        HttpJson.Response fit = http.post("/api/inference/runs",
                "{\"kind\":\"nanoflow-model\",\"params\":{\"gpus\":1}}");
        assertThat(fit.status()).isEqualTo(400);
        assertThat(fit.json().path("errors").get(0).path("field").asString()).isEqualTo("params.gpus");
    }

    @Test
    void aRunStoresItsComparisonsAndChart() {
        String id = http.post("/api/inference/runs", """
                {"kind":"nanoflow-model","params":{"workloads":["512/512"],"minNanoBatches":2,"maxNanoBatches":3,
                 "shareStep":0.2}}""").json().path("id").asString();
        JsonNode done = http.await("/api/inference/runs/" + id,
                run -> run.path("status").asString().matches("SUCCEEDED|FAILED"), Duration.ofMinutes(2));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = done.path("result");
        assertThat(result.path("predictions").get(0).path("nanoflowTokensPerGpu").asDouble()).isBetween(1000.0,
                1857.0);
        assertThat(result.path("comparisons").toString()).contains("Table 2 total compute ms", "Fig. 7 NanoFlow 512/512");
        assertThat(http.get("/api/inference/runs/" + id + "/artifacts/chart.svg").raw().body()).startsWith("<svg");
        assertThat(http.get("/api/inference/runs/" + id + "/metrics?name=nanoflow.optimal.fraction").status())
                .isEqualTo(200);
    }
}

package io.mlsyslab.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.ServiceSmokeIT;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingServiceIT extends ServiceSmokeIT {

    TrainingServiceIT() {
        super("training");
    }

    @Test
    void lmTrainRunsThroughTheApiAndStoresItsArtifacts() {
        String id = http.post("/api/training/runs", """
                {"kind":"lm-train","params":{"nLayer":2,"nEmbd":16,"nHead":2,"seqLen":16,"batch":4,"innerSteps":10,
                 "warmupSteps":4,"tokens":3840,"evalBatches":1,"corpusTokens":20000}}""").json().path("id").asString();
        JsonNode done = http.await("/api/training/runs/" + id,
                run -> run.path("status").asString().matches("SUCCEEDED|FAILED"), Duration.ofMinutes(2));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("result").path("innerStepsRun").asInt()).isEqualTo(30);
        String artifacts = http.get("/api/training/runs/" + id + "/artifacts").raw().body();
        assertThat(artifacts).contains("model.safetensors", "config.json", "tokenizer.json", "sync-schedule.json",
                "chart.svg", "result.json");
        assertThat(http.get("/api/training/runs/" + id + "/artifacts/sync-schedule.json").raw().body())
                .contains("\"format\":\"mlsys-lab/sync-schedule@1\"");
        assertThat(http.get("/actuator/prometheus").raw().body()).contains("training_bytes_sent_bytes_total");
    }

    @Test
    void badParamsAreRejectedAtSubmissionNamingTheField() {
        HttpJson.Response r = http.post("/api/training/runs", """
                {"kind":"lm-train","params":{"nLayer":4,"fragments":3}}""");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.raw().body()).contains("params.fragments").contains("must divide nLayer");
        HttpJson.Response q = http.post("/api/training/runs", """
                {"kind":"diloco-compare","params":{"overlap":50}}""");
        assertThat(q.status()).as(q.raw().body()).isEqualTo(400);
    }
}

package io.mlsyslab.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.nn.model.Gpt2Checkpoint;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.safetensors.DType;
import io.mlsyslab.nn.tokenizer.CharTokenizer;
import io.mlsyslab.platform.runs.RunRepository;
import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Import of a run's checkpoint by run id over real HTTP, without training-service: the service is its own peer
 * ({@code mlsyslab.services.urls.inference} points at itself), and the runs whose artifacts it imports are rows
 * written straight into its own runs table, exactly as training's {@code lm-train} stores them. The real round trip
 * from training is in lab-launcher's {@code PlatformEndToEndIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ModelImportIT extends PostgresIntegrationTest {
    private static final int PORT = freePort();
    private static final int CLOSED_PORT = freePort();
    static final Path MODEL_DIR = Path.of("target", "it-import-models-" + UUID.randomUUID());

    @DynamicPropertySource
    static void selfAsPeer(DynamicPropertyRegistry r) {
        r.add("server.port", () -> PORT);
        r.add("mlsyslab.services.urls.inference", () -> "http://localhost:" + PORT);
        // nothing listens there: an unreachable training-service
        r.add("mlsyslab.services.urls.training", () -> "http://localhost:" + CLOSED_PORT);
        r.add("mlsyslab.inference.model-dir", MODEL_DIR::toString);
        r.add("mlsyslab.inference.max-model-bytes", () -> "1MB");
        r.add("mlsyslab.inference.kv-cache-bytes", () -> "4MB");
        r.add("mlsyslab.inference.compute-threads", () -> "1");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RunRepository runs;
    @Autowired
    EngineManager engines;
    final HttpJson http = new HttpJson("http://localhost:" + PORT);

    static final CharTokenizer CHARS = CharTokenizer.fromCorpus("in the beginning was the word");
    static final GptConfig CONFIG = new GptConfig(CHARS.vocabSize(), 32, 16, 2, 2, 1e-5f);

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished run row with these artifacts, as a run kind would have stored them. */
    UUID run(String status, Map<String, byte[]> artifacts) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into runs (id, kind, status, params, finished_at) values (:id, 'lm-train', :status, "
                + "cast('{}' as jsonb), now())").param("id", id).param("status", status).update();
        artifacts.forEach((name, bytes) -> runs.putArtifact(id, name, "application/octet-stream", bytes));
        return id;
    }

    static Map<String, byte[]> checkpoint(Gpt2Model model, String configJson) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", configJson.getBytes(StandardCharsets.UTF_8));
        files.put("model.safetensors", Gpt2Checkpoint.toWriter(model.params(), DType.F32).toBytes());
        files.put("tokenizer.json", CHARS.toJson().getBytes(StandardCharsets.UTF_8));
        files.put("result.json", "{}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    HttpJson.Response importRun(String name, String service, String runId) {
        return http.post("/api/inference/models", "{\"name\":\"" + name + "\",\"fromRun\":{\"service\":\"" + service
                + "\",\"runId\":\"" + runId + "\"}}");
    }

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String field(HttpJson.Response r) {
        return r.json().path("errors").get(0).path("field").asString();
    }

    @Test
    void importsASucceededRunsCheckpointWithItsExactWeightsAndServesIt() {
        Gpt2Model model = Gpt2Model.initialize(CONFIG, 11);
        UUID id = run("SUCCEEDED", checkpoint(model, CONFIG.toJson()));
        String name = name("imported");

        HttpJson.Response r = importRun(name, "inference", id.toString());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        assertThat(r.header("Location")).endsWith("models/" + name);
        JsonNode info = http.get("/api/inference/models/" + name).json();
        assertThat(info.path("source").asString()).isEqualTo("run");
        assertThat(info.path("sourceRun").asString()).isEqualTo(id.toString());
        assertThat(info.path("nLayer").asInt()).isEqualTo(2);
        assertThat(info.path("nEmbd").asInt()).isEqualTo(16);
        assertThat(info.path("tokenizer").asString()).isEqualTo("char");
        // the served weights are the run's, bit for bit
        assertThat(engines.engine(name).orElseThrow().model().params().data()).containsExactly(model.params().data());

        HttpJson.Response c = http.post("/api/inference/v1/completions", "{\"model\":\"" + name
                + "\",\"prompt\":\"in the\",\"max_tokens\":5,\"temperature\":0}");
        assertThat(c.status()).as(c.raw().body()).isEqualTo(200);
        assertThat(c.json().path("choices").get(0).path("token_ids").size()).isEqualTo(5);

        assertThat(importRun(name, "inference", id.toString()).status()).isEqualTo(409);
    }

    @Test
    void runsThatAreNotFinishedCheckpointsAreRefusedNamingTheRun() {
        Map<String, byte[]> files = checkpoint(Gpt2Model.initialize(CONFIG, 3), CONFIG.toJson());
        HttpJson.Response failed = importRun(name("failed"), "inference", run("FAILED", files).toString());
        assertThat(failed.status()).as(failed.raw().body()).isEqualTo(409);
        assertThat(field(failed)).isEqualTo("fromRun.runId");
        assertThat(failed.json().path("detail").asString()).contains("FAILED");

        HttpJson.Response unknown = importRun(name("unknown"), "inference", UUID.randomUUID().toString());
        assertThat(unknown.status()).as(unknown.raw().body()).isEqualTo(404);

        HttpJson.Response noCheckpoint = importRun(name("nockpt"), "inference",
                run("SUCCEEDED", Map.of("result.json", "{}".getBytes(StandardCharsets.UTF_8))).toString());
        assertThat(noCheckpoint.status()).as(noCheckpoint.raw().body()).isEqualTo(422);
        assertThat(field(noCheckpoint)).isEqualTo("fromRun.runId");

        // the upload's checks: a config that does not fit the tensors is a 422 naming the config key
        String badHeads = CONFIG.toJson().replaceFirst("\"n_head\"\\s*:\\s*2", "\"n_head\": 3");
        assertThat(badHeads).isNotEqualTo(CONFIG.toJson());
        HttpJson.Response mismatch = importRun(name("mismatch"), "inference",
                run("SUCCEEDED", checkpoint(Gpt2Model.initialize(CONFIG, 3), badHeads)).toString());
        assertThat(mismatch.status()).as(mismatch.raw().body()).isEqualTo(422);
        assertThat(field(mismatch)).isEqualTo("config.n_head");

        Map<String, byte[]> big = new LinkedHashMap<>(files);
        big.put("model.safetensors", new byte[2 * 1024 * 1024]);
        HttpJson.Response tooLarge = importRun(name("big"), "inference", run("SUCCEEDED", big).toString());
        assertThat(tooLarge.status()).as(tooLarge.raw().body()).isEqualTo(413);
        assertThat(field(tooLarge)).isEqualTo("fromRun.runId");

        assertThat(http.get("/api/inference/models").json().path("models").toString())
                .doesNotContain("failed-", "unknown-", "nockpt-", "mismatch-", "big-");
    }

    @Test
    void malformedRequestsAre400NamingTheFieldAndAnUnreachableServiceIs503() {
        String id = UUID.randomUUID().toString();
        HttpJson.Response unknownService = importRun(name("svc"), "nosuch", id);
        assertThat(unknownService.status()).as(unknownService.raw().body()).isEqualTo(400);
        assertThat(field(unknownService)).isEqualTo("fromRun.service");

        HttpJson.Response noService = http.post("/api/inference/models",
                "{\"name\":\"x1\",\"fromRun\":{\"runId\":\"" + id + "\"}}");
        assertThat(noService.status()).isEqualTo(400);
        assertThat(field(noService)).isEqualTo("fromRun.service");

        HttpJson.Response badId = importRun(name("id"), "training", "not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(field(badId)).isEqualTo("fromRun.runId");

        HttpJson.Response noId = http.post("/api/inference/models", "{\"name\":\"x2\",\"fromRun\":{\"service\":"
                + "\"training\"}}");
        assertThat(noId.status()).isEqualTo(400);
        assertThat(field(noId)).isEqualTo("fromRun.runId");

        HttpJson.Response both = http.post("/api/inference/models", "{\"name\":\"x3\",\"preset\":\"tiny\","
                + "\"fromRun\":{\"service\":\"training\",\"runId\":\"" + id + "\"}}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(field(both)).isEqualTo("preset");

        HttpJson.Response badName = importRun("-bad name", "training", id);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(field(badName)).isEqualTo("name");

        HttpJson.Response unreachable = importRun(name("down"), "training", id);
        assertThat(unreachable.status()).as(unreachable.raw().body()).isEqualTo(503);
        assertThat(unreachable.contentType()).startsWith("application/problem+json");
    }
}

package io.mlsyslab.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.inference.node.NodeTool;
import io.mlsyslab.inference.serving.EngineManager;
import io.mlsyslab.nn.model.PyTorchGreedy;
import io.mlsyslab.nn.safetensors.DType;
import io.mlsyslab.nn.safetensors.SafeTensors;
import io.mlsyslab.nn.safetensors.SafeTensorsWriter;
import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.TestSigning;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The registry and the OpenAI-compatible API over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InferenceApiIT extends PostgresIntegrationTest {
    static final Path MODEL_DIR = Path.of("target", "it-models-" + UUID.randomUUID());

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("mlsyslab.inference.model-dir", MODEL_DIR::toString);
        r.add("mlsyslab.inference.max-model-bytes", () -> "1MB");
        r.add("mlsyslab.inference.max-running", () -> "4");
        r.add("mlsyslab.inference.max-waiting", () -> "8");
        r.add("mlsyslab.inference.max-batched-tokens", () -> "64");
        r.add("mlsyslab.inference.kv-cache-bytes", () -> "8MB");
        r.add("mlsyslab.inference.compute-threads", () -> "2");
        // nothing listens there: kvOffload: storage must fail fast with 503, never hang
        r.add("mlsyslab.services.urls.storage", () -> "http://127.0.0.1:" + CLOSED_PORT);
        r.add("mlsyslab.inference.storage-timeout", () -> "5s");
    }

    static final int CLOSED_PORT = closedPort();

    static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void kvOffloadIsValidatedAndAnUnreachableStorageIs503() {
        String name = "off-" + UUID.randomUUID().toString().substring(0, 8);
        HttpJson.Response bad = http.post("/api/inference/models",
                "{\"name\":\"" + name + "\",\"preset\":\"tiny\",\"kvOffload\":\"disk\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().body()).contains("kvOffload");
        HttpJson.Response created = http.post("/api/inference/models",
                "{\"name\":\"" + name + "\",\"preset\":\"tiny\",\"seed\":7,\"kvOffload\":\"storage\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().path("kvOffload").asString()).isEqualTo("storage");
        assertThat(http.get("/api/inference/models/" + name).json().path("kvOffload").asString())
                .isEqualTo("storage");
        String request = "{\"model\":\"" + name + "\",\"prompt\":[1,2,3],\"max_tokens\":4,\"temperature\":0%s}";
        HttpJson.Response down = http.post("/api/inference/v1/completions", request.formatted(""));
        assertThat(down.status()).as(down.raw().body()).isEqualTo(503);
        assertThat(down.raw().body()).contains("kv_storage_unavailable");
        HttpJson.Response local = http.post("/api/inference/v1/completions",
                request.formatted(",\"kvOffload\":\"none\""));
        assertThat(local.status()).as(local.raw().body()).isEqualTo(200);
        assertThat(local.json().path("choices").get(0).path("token_ids").size()).isEqualTo(4);
        for (String v : List.of("\"disk\"", "5", "[]")) {
            HttpJson.Response r = http.post("/api/inference/v1/completions",
                    request.formatted(",\"kvOffload\":" + v));
            assertThat(r.status()).as(v).isEqualTo(400);
            assertThat(r.raw().body()).as(v).contains("kvOffload");
        }
        String tiny = registerRandom("tiny");
        HttpJson.Response perRequest = http.post("/api/inference/v1/completions", ("{\"model\":\"" + tiny
                + "\",\"prompt\":[1,2,3],\"max_tokens\":4,\"kvOffload\":\"storage\"}"));
        assertThat(perRequest.status()).as(perRequest.raw().body()).isEqualTo(503);
    }

    @LocalServerPort
    int port;
    @Autowired
    EngineManager engines;
    @Autowired
    io.mlsyslab.inference.persistence.ModelRepository repository;
    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    String registerRandom(String preset) {
        String name = "rnd-" + UUID.randomUUID().toString().substring(0, 8);
        HttpJson.Response r = http.post("/api/inference/models",
                "{\"name\":\"" + name + "\",\"preset\":\"" + preset + "\",\"seed\":7}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return name;
    }

    HttpJson.Response upload(Multipart m) {
        return http.send("POST", "/api/inference/models", m.body(), "Content-Type", m.contentType());
    }

    static byte[] prefixed(byte[] weights) {
        SafeTensors st = SafeTensors.fromBytes(weights);
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (String n : st.names()) {
            w.add("transformer." + n, DType.F32, st.entry(n).shape(), st.floats(n));
        }
        return w.toBytes();
    }

    @Test
    void uploadedCheckpointGivesPyTorchGreedyTokens() {
        for (String weights : List.of("model.safetensors", "transformer-prefixed", "model-f16.safetensors")) {
            PyTorchGreedy v = PyTorchGreedy.load("tiny36");
            byte[] bytes = weights.equals("transformer-prefixed") ? prefixed(v.file("model.safetensors"))
                    : v.file(weights);
            String name = "tiny36-" + UUID.randomUUID().toString().substring(0, 8);
            HttpJson.Response r = upload(new Multipart().field("name", name).file("config", v.file("config.json"))
                    .file("weights", bytes));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().path("id").asString()).isEqualTo(name);
            assertThat(r.json().path("tokenizer").asString()).isEqualTo("none");
            StringBuilder prompt = new StringBuilder();
            for (int t : v.prompt()) {
                prompt.append(prompt.isEmpty() ? "" : ",").append(t);
            }
            HttpJson.Response c = http.post("/api/inference/v1/completions", "{\"model\":\"" + name
                    + "\",\"prompt\":[" + prompt + "],\"max_tokens\":32,\"temperature\":0}");
            assertThat(c.status()).as(c.raw().body()).isEqualTo(200);
            JsonNode choice = c.json().path("choices").get(0);
            List<Integer> ids = new ArrayList<>();
            choice.path("token_ids").forEach(n -> ids.add(n.asInt()));
            if (!weights.contains("f16")) {
                assertThat(ids).as(weights).containsExactly(java.util.Arrays.stream(v.tokens()).boxed()
                        .toArray(Integer[]::new));
            } else {
                assertThat(ids).hasSize(32);
            }
            assertThat(choice.path("finish_reason").asString()).isEqualTo("length");
            assertThat(c.json().path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
            assertThat(c.json().path("usage").path("completion_tokens").asInt()).isEqualTo(32);
            // a fresh registry over the same table and directory (a restart) loads the same weights
            var reloaded = new io.mlsyslab.inference.persistence.ModelStore(repository, MODEL_DIR, 1 << 20)
                    .load(name).orElseThrow();
            assertThat(reloaded.model().params().data()).containsExactly(
                    engines.engine(name).orElseThrow().model().params().data());
        }
    }

    static byte[] resource(String path) {
        try (var in = InferenceApiIT.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void uploadsWithBpeAndCharTokenizersServeText() {
        byte[] vocab = resource("/bpe-tiny/vocab.json"), merges = resource("/bpe-tiny/merges.txt");
        int bpeVocab = new io.mlsyslab.nn.tokenizer.Gpt2BpeTokenizer(new String(vocab, StandardCharsets.UTF_8),
                new String(merges, StandardCharsets.UTF_8)).vocabSize();
        io.mlsyslab.nn.tokenizer.CharTokenizer chars = io.mlsyslab.nn.tokenizer.CharTokenizer.fromCorpus(
                "the quick brown fox jumps over the lazy dog");
        for (String kind : List.of("bpe", "char")) {
            int v = kind.equals("bpe") ? bpeVocab : chars.vocabSize();
            var cfg = new io.mlsyslab.nn.model.GptConfig(v, 64, 32, 2, 4, 1e-5f);
            var model = io.mlsyslab.nn.model.Gpt2Model.initialize(cfg, 5);
            Multipart m = new Multipart().field("name", kind + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .file("config", cfg.toJson().getBytes(StandardCharsets.UTF_8))
                    .file("weights", io.mlsyslab.nn.model.Gpt2Checkpoint.toWriter(model.params(), DType.BF16)
                            .toBytes());
            if (kind.equals("bpe")) {
                m.file("vocab", vocab).file("merges", merges);
            } else {
                m.file("tokenizer", chars.toJson().getBytes(StandardCharsets.UTF_8));
            }
            HttpJson.Response r = upload(m);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().path("tokenizer").asString()).isEqualTo(kind.equals("bpe") ? "gpt2-bpe" : "char");
            String id = r.json().path("id").asString();
            JsonNode c = http.post("/api/inference/v1/completions", "{\"model\":\"" + id
                    + "\",\"prompt\":\"the quick\",\"max_tokens\":8,\"temperature\":0}").json();
            JsonNode choice = c.path("choices").get(0);
            List<Integer> ids = new ArrayList<>();
            choice.path("token_ids").forEach(n -> ids.add(n.asInt()));
            int[] arr = ids.stream().mapToInt(Integer::intValue).toArray();
            String expected = kind.equals("bpe") ? new io.mlsyslab.nn.tokenizer.Gpt2BpeTokenizer(
                    new String(vocab, StandardCharsets.UTF_8), new String(merges, StandardCharsets.UTF_8)).decode(arr)
                    : chars.decode(arr);
            assertThat(choice.path("text").asString()).isEqualTo(expected);
        }
    }

    @Test
    void registryRejectsDuplicatesMismatchesAndOversizedUploads() {
        PyTorchGreedy v = PyTorchGreedy.load("tiny36");
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        Multipart ok = new Multipart().field("name", name).file("config", v.file("config.json"))
                .file("weights", v.file("model.safetensors"));
        assertThat(upload(ok).status()).isEqualTo(201);
        HttpJson.Response dup = upload(ok);
        assertThat(dup.status()).isEqualTo(409);

        String wrongWidth = new String(v.file("config.json"), StandardCharsets.UTF_8).replace("\"n_embd\": 36",
                "\"n_embd\": 48");
        HttpJson.Response mismatch = upload(new Multipart().field("name", "mm-" + name)
                .file("config", wrongWidth.getBytes(StandardCharsets.UTF_8))
                .file("weights", v.file("model.safetensors")));
        assertThat(mismatch.status()).as(mismatch.raw().body()).isEqualTo(422);
        assertThat(mismatch.json().path("errors").get(0).path("field").asString()).startsWith("weights.");

        String badHeads = new String(v.file("config.json"), StandardCharsets.UTF_8).replace("\"n_head\": 3",
                "\"n_head\": 5");
        HttpJson.Response heads = upload(new Multipart().field("name", "hd-" + name)
                .file("config", badHeads.getBytes(StandardCharsets.UTF_8))
                .file("weights", v.file("model.safetensors")));
        assertThat(heads.status()).isEqualTo(422);
        assertThat(heads.json().path("errors").get(0).path("field").asString()).isEqualTo("config.n_head");

        HttpJson.Response big = upload(new Multipart().field("name", "big-" + name)
                .file("config", v.file("config.json")).file("weights", new byte[2 * 1024 * 1024]));
        assertThat(big.status()).isEqualTo(413);

        assertThat(http.get("/api/inference/models").json().path("models").toString()).contains(name);
        assertThat(http.get("/api/inference/v1/models").json().path("data").toString()).contains(name);
        assertThat(http.send("DELETE", "/api/inference/models/" + name, HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(204);
        assertThat(http.get("/api/inference/models/" + name).status()).isEqualTo(404);
        // the name is free again and serves the new model, not a stale engine of the deleted one
        assertThat(http.post("/api/inference/models", "{\"name\":\"" + name + "\",\"preset\":\"tiny\"}")
                .status()).isEqualTo(201);
        assertThat(engines.engine(name).orElseThrow().model().config().vocabSize()).isEqualTo(256);
        assertThat(http.send("DELETE", "/api/inference/models/" + name, HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(204);
        assertThat(http.send("DELETE", "/api/inference/models/" + name, HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(404);
    }

    @Test
    void aWriterDeletesOnlyTheModelsItRegisteredAndAnAdminAny() {
        String name = "own-" + UUID.randomUUID().toString().substring(0, 8);
        HttpJson alice = http.as("alice", "writer");
        HttpJson.Response created = alice.post("/api/inference/models",
                "{\"name\":\"" + name + "\",\"preset\":\"tiny\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("createdBy").asString()).isEqualTo("alice");

        HttpJson.Response refused = http.as("bob", "writer").send("DELETE", "/api/inference/models/" + name,
                HttpRequest.BodyPublishers.noBody());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains("created by 'alice'")
                .contains("only its creator or an admin may delete it");
        assertThat(http.get("/api/inference/models/" + name).status()).isEqualTo(200);
        assertThat(http.as("carol", "admin").send("DELETE", "/api/inference/models/" + name,
                HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(204);

        String own = "own-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice.post("/api/inference/models", "{\"name\":\"" + own + "\",\"preset\":\"tiny\"}")
                .status()).isEqualTo(201);
        assertThat(alice.send("DELETE", "/api/inference/models/" + own, HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(204);
    }

    @Test
    void sameSeedSameTextStopAndN() {
        String model = registerRandom("tiny");
        String body = "{\"model\":\"" + model + "\",\"prompt\":\"In the beginning\",\"max_tokens\":24,"
                + "\"temperature\":0.9,\"seed\":42,\"n\":3}";
        JsonNode a = http.post("/api/inference/v1/completions", body).json();
        JsonNode b = http.post("/api/inference/v1/completions", body).json();
        assertThat(a.path("choices").size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(a.path("choices").get(i).path("text").asString())
                    .isEqualTo(b.path("choices").get(i).path("text").asString());
            assertThat(a.path("choices").get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(a.path("choices").get(0).path("token_ids"))
                .isNotEqualTo(a.path("choices").get(1).path("token_ids"));
        // stop: the text is cut before the stop string, which greedy output would contain
        JsonNode greedy = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":\"abc\",\"max_tokens\":20,\"temperature\":0}").json();
        String text = greedy.path("choices").get(0).path("text").asString();
        assertThat(text).hasSizeGreaterThan(4);
        String stop = text.substring(3, 5);
        JsonNode stopped = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":\"abc\",\"max_tokens\":20,\"temperature\":0,\"stop\":[" + quote(stop) + "]}").json();
        JsonNode sc = stopped.path("choices").get(0);
        assertThat(sc.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(sc.path("text").asString()).isEqualTo(text.substring(0, text.indexOf(stop)));
        // echo + logprobs
        JsonNode echo = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":\"abc\",\"max_tokens\":3,\"temperature\":0,\"echo\":true,\"logprobs\":2}").json();
        JsonNode ec = echo.path("choices").get(0);
        assertThat(ec.path("text").asString()).startsWith("abc");
        assertThat(ec.path("logprobs").path("tokens").size()).isEqualTo(6);
        assertThat(ec.path("logprobs").path("token_logprobs").get(0).isNull()).isTrue();
        assertThat(ec.path("logprobs").path("token_logprobs").get(1).asDouble()).isNegative();
        assertThat(ec.path("logprobs").path("top_logprobs").get(4).size()).isEqualTo(2);
    }

    @Test
    void streamingCompletionAndChatEndWithDoneAndUsage() throws Exception {
        String model = registerRandom("tiny");
        List<String> events = stream("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":\"Hello\",\"max_tokens\":10,\"temperature\":0,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode usage = HttpJson.parse(events.get(events.size() - 2));
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(10);
        StringBuilder streamed = new StringBuilder();
        int tokens = 0;
        for (String e : events.subList(0, events.size() - 2)) {
            JsonNode c = HttpJson.parse(e).path("choices").get(0);
            streamed.append(c.path("text").asString());
            tokens += c.path("token_ids").size();
        }
        assertThat(tokens).isEqualTo(10);
        JsonNode whole = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":\"Hello\",\"max_tokens\":10,\"temperature\":0}").json();
        assertThat(streamed.toString()).isEqualTo(whole.path("choices").get(0).path("text").asString());

        List<String> chat = stream("/api/inference/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":5,\"stream\":true,"
                + "\"temperature\":0}");
        assertThat(chat.getLast()).isEqualTo("[DONE]");
        assertThat(HttpJson.parse(chat.getFirst()).path("object").asString()).isEqualTo("chat.completion.chunk");
        assertThat(HttpJson.parse(chat.getFirst()).path("choices").get(0).path("delta").path("role").asString())
                .isEqualTo("assistant");
        JsonNode nonStream = http.post("/api/inference/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\","
                + "\"content\":\"Hi\"}],\"max_tokens\":5}").json();
        assertThat(nonStream.path("object").asString()).isEqualTo("chat.completion");
        assertThat(nonStream.path("choices").get(0).path("message").path("role").asString()).isEqualTo("assistant");
    }

    @Test
    void clientMistakesAre4xxWithOpenAiErrorObjects() {
        String model = registerRandom("tiny");
        HttpJson.Response unknown = http.post("/api/inference/v1/completions",
                "{\"model\":\"nope\",\"prompt\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asString()).isEqualTo("model_not_found");
        assertThat(unknown.contentType()).contains("application/problem+json");
        for (String[] bad : new String[][]{
                {"{\"model\":\"M\",\"prompt\":\"x\",\"temperature\":-1}", "temperature"},
                {"{\"model\":\"M\",\"prompt\":\"x\",\"max_tokens\":0}", "max_tokens"},
                {"{\"model\":\"M\",\"prompt\":\"x\",\"max_tokens\":100000}", "max_tokens"},
                {"{\"model\":\"M\"}", "prompt"},
                {"{\"model\":\"M\",\"prompt\":[]}", "prompt"},
                {"{\"model\":\"M\",\"prompt\":[999999]}", "prompt"},
                {"{\"model\":\"M\",\"prompt\":\"x\",\"n\":0}", "n"},
                {"{\"model\":\"M\",\"prompt\":\"x\",\"stop\":5}", "stop"},
                {"{\"model\":\"M\",\"prompt\":\"x\",\"logprobs\":50}", "logprobs"},
                {"{\"prompt\":\"x\"}", "model"}}) {
            HttpJson.Response r = http.post("/api/inference/v1/completions", bad[0].replace("\"M\"",
                    "\"" + model + "\""));
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().path("error").path("param").asString()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(r.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        }
        HttpJson.Response broken = http.post("/api/inference/v1/completions", "{\"model\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("error").path("message").asString()).isNotBlank();
        // more sequences than the engine can ever hold (4 running + 8 waiting): a 400 naming the field, not a 429
        // that no amount of waiting would end
        HttpJson.Response never = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":[[1],[2],[3],[4],[5],[6],[7]],\"n\":2,\"max_tokens\":4}");
        assertThat(never.status()).as(never.raw().body()).isEqualTo(400);
        assertThat(never.json().path("error").path("param").asString()).isEqualTo("prompt");
        HttpJson.Response tooMany = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":[1],\"n\":13,\"max_tokens\":4}");
        assertThat(tooMany.status()).as(tooMany.raw().body()).isIn(400);
        assertThat(tooMany.json().path("error").path("param").asString()).isEqualTo("n");
        // a NUL or other character no model name has: 404, never a database error
        HttpJson.Response nul = http.post("/api/inference/v1/completions", "{\"model\":\"a\\u0000b\","
                + "\"prompt\":\"x\"}");
        assertThat(nul.status()).as(nul.raw().body()).isEqualTo(404);
        assertThat(nul.json().path("error").path("message").asString()).doesNotContain("\u0000");
    }

    @Test
    void aBusyEngineAnswers429WithRetryAfter() throws Exception {
        String model = registerRandom("long-context");
        // 12 sequences (the engine's 4 running + 8 waiting) held by a stream that generates for many seconds (1,000
        // tokens each in a KV pool of 1,024 positions) ...
        HttpResponse<InputStream> held = openCompletionStream(HttpClient.newHttpClient(), "{\"model\":\"" + model + "\",\"prompt\":[[1],[2],"
                + "[3],[4],[5],[6]],\"n\":2,\"max_tokens\":1000,\"stream\":true}");
        try (InputStream body = held.body()) {
            assertThat(held.statusCode()).isEqualTo(200);
            body.read(); // the stream has started: its sequences are queued
            // ... so one more is refused for now: 429 with Retry-After, not 503 (which would open the gateway's breaker)
            HttpJson.Response full = http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                    + "\",\"prompt\":[1],\"max_tokens\":4}");
            assertThat(full.status()).as(full.raw().body()).isEqualTo(429);
            assertThat(full.header("Retry-After")).isNotBlank();
            assertThat(full.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
        }
    }

    @Test
    void clientDisconnectMidStreamFreesSlotAndKv() throws Exception {
        String model = registerRandom("small");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> resp = openCompletionStream(client, "{\"model\":\"" + model + "\",\"prompt\":\"Once\","
                + "\"max_tokens\":400,\"stream\":true,\"ignore_eos\":true}");
        assertThat(resp.statusCode()).isEqualTo(200);
        BufferedReader reader = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8));
        int data = 0;
        while (data < 3) {
            String line = reader.readLine();
            if (line != null && line.startsWith("data:")) {
                data++;
            }
        }
        var engine = engines.engine(model).orElseThrow();
        assertThat(engine.stats().running()).isEqualTo(1);
        resp.body().close();
        client.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((engine.stats().running() > 0 || engine.stats().kvUsedBytes() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(engine.stats().running()).isZero();
        assertThat(engine.stats().kvUsedBytes()).isZero();
    }

    @Test
    void engineMetricsCarryTheNamesVllmUsersLookFor() {
        String model = registerRandom("tiny");
        assertThat(http.post("/api/inference/v1/completions", "{\"model\":\"" + model
                + "\",\"prompt\":\"metrics\",\"max_tokens\":5}").status()).isEqualTo(200);
        String prom = http.get("/actuator/prometheus").raw().body();
        for (String name : List.of("inference_tokens_generated_total", "inference_prompt_tokens_total",
                "inference_time_to_first_token_seconds_bucket", "inference_time_per_output_token_seconds_bucket",
                "inference_requests_running", "inference_requests_waiting", "inference_batch_size_tokens",
                "inference_kv_memory_used_bytes", "inference_preemptions_total",
                "inference_executor_busy_seconds_total{", "inference_requests_finished_total{")) {
            assertThat(prom).as(name).contains(name);
        }
    }

    @Test
    void officialOpenAiNodeSdkWorksUnchanged() {
        // 4096 positions: the chat template's tool block alone is longer than the tiny preset's 256
        String model = registerRandom("long-context");
        NodeTool node = NodeTool.install("openai@7");
        JsonNode out = HttpJson.parse(node.runScript(TestSigning.childEnvironment(), "openai-contract.mjs",
                "http://localhost:" + port + "/api/inference/v1", model));
        JsonNode completion = out.path("completion");
        assertThat(completion.path("object").asString()).isEqualTo("text_completion");
        assertThat(completion.path("choices").size()).isEqualTo(2);
        assertThat(completion.path("choices").get(0).path("token_ids").size()).isEqualTo(12);
        assertThat(completion.path("usage").path("completion_tokens").asInt()).isEqualTo(24);
        assertThat(out.path("sameSeedSameText").asBoolean()).isTrue();
        String greedy = out.path("greedyText").asString();
        JsonNode stop = out.path("stop");
        assertThat(stop.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(stop.path("text").asString()).isEqualTo(greedy.substring(0,
                greedy.indexOf(stop.path("stop").asString())));
        assertThat(out.path("streamed").path("text").asString()).isEqualTo(greedy);
        assertThat(out.path("streamed").path("usage").path("completion_tokens").asInt()).isEqualTo(16);
        assertThat(out.path("chat").path("object").asString()).isEqualTo("chat.completion");
        assertThat(out.path("chat").path("n").asInt()).isEqualTo(2);
        assertThat(out.path("chat").path("role").asString()).isEqualTo("assistant");
        assertThat(out.path("chatStream").path("finish_reason").asString()).isIn("length", "stop");
        assertThat(out.path("unknownModel").path("status").asInt()).isEqualTo(404);
        assertThat(out.path("unknownModel").path("cls").asString()).isEqualTo("NotFoundError");
        assertThat(out.path("badTemperature").path("status").asInt()).isEqualTo(400);
        assertThat(out.path("badTemperature").path("cls").asString()).isEqualTo("BadRequestError");
        assertThat(out.path("badTemperature").path("param").asString()).isEqualTo("temperature");
        assertThat(out.path("badChat").path("status").asInt()).isEqualTo(400);
        assertThat(out.path("retrieved").path("id").asString()).isEqualTo(model);
        assertThat(out.path("retrieved").path("object").asString()).isEqualTo("model");
        assertThat(out.path("retrieveMissing").path("cls").asString()).isEqualTo("NotFoundError");
        JsonNode counted = HttpJson.parse(out.path("structured").path("content").asString());
        assertThat(counted.path("word").isString()).isTrue();
        assertThat(counted.path("word").asString().length()).isLessThanOrEqualTo(6);
        assertThat(counted.path("count").asInt()).isBetween(1, 9);
        assertThat(counted.size()).isEqualTo(2);
        assertThat(out.path("structured").path("finish_reason").asString()).isEqualTo("stop");
        JsonNode call = out.path("toolCall").path("tool_calls").get(0);
        assertThat(out.path("toolCall").path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(call.path("function").path("name").asString()).isEqualTo("lookup");
        assertThat(HttpJson.parse(call.path("function").path("arguments").asString()).path("word").isString())
                .isTrue();
        assertThat(out.path("toolStream").path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode streamed = out.path("toolStream").path("calls").get(0);
        assertThat(streamed.path("id").asString()).startsWith("call_");
        assertThat(streamed.path("name").asString()).isEqualTo("lookup");
        assertThat(HttpJson.parse(streamed.path("arguments").asString()).path("word").isString()).isTrue();
        assertThat(out.path("followUp").path("finish_reason").asString()).isIn("length", "stop");
        assertThat(out.path("biased").asString()).isEqualTo("BBBB");
        assertThat(out.path("unsupported").path("status").asInt()).isEqualTo(400);
        assertThat(out.path("unsupported").path("cls").asString()).isEqualTo("BadRequestError");
        assertThat(out.path("unsupported").path("param").asString()).isEqualTo("suffix");
    }

    /** A streamed completion on {@code client}, whose body the caller reads and closes. */
    HttpResponse<InputStream> openCompletionStream(HttpClient client, String body) throws Exception {
        return client.send(http.build(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/inference/v1/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), HttpResponse.BodyHandlers.ofInputStream());
    }

    List<String> stream(String path, String body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.util.stream.Stream<String>> resp = client.send(http.build(HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + path)).header("Content-Type",
                        "application/json").POST(HttpRequest.BodyPublishers.ofString(body))),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type").orElse("")).contains("text/event-stream");
        List<String> events = new ArrayList<>();
        resp.body().forEach(line -> {
            if (line.startsWith("data:")) {
                events.add(line.substring(5).trim());
            }
        });
        return events;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

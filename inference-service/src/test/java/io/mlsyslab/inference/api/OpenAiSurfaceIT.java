package io.mlsyslab.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI surface beyond plain completions, over real HTTP: every field honoured or refused by name, structured
 * outputs and tool calls by constrained decoding, models.retrieve, vLLM's tokenize/detokenize and sampling fields.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenAiSurfaceIT extends PostgresIntegrationTest {
    static final Path MODEL_DIR = Path.of("target", "it-models-" + UUID.randomUUID());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("mlsyslab.inference.model-dir", MODEL_DIR::toString);
        r.add("mlsyslab.inference.kv-cache-bytes", () -> "64MB");
        r.add("mlsyslab.inference.compute-threads", () -> "2");
    }

    @LocalServerPort
    int port;
    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    /** A random-weight model with the byte tokenizer (vocabulary 256, no end-of-text token), 4096 positions. */
    String registerRandom() {
        String name = "srf-" + UUID.randomUUID().toString().substring(0, 8);
        HttpJson.Response r = http.post("/api/inference/models",
                "{\"name\":\"" + name + "\",\"preset\":\"long-context\",\"seed\":11}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return name;
    }

    HttpJson.Response completion(String body) {
        return http.post("/api/inference/v1/completions", body);
    }

    HttpJson.Response chat(String body) {
        return http.post("/api/inference/v1/chat/completions", body);
    }

    static void assertBadRequest(HttpJson.Response r, String param) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().path("error").path("param").asString()).as(r.raw().body()).isEqualTo(param);
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo(param);
    }

    @Test
    void everyFieldIsHonouredAcceptedAsANoOpOrRefusedByName() {
        String m = registerRandom();
        String base = "{\"model\":\"" + m + "\",\"prompt\":\"x\",\"max_tokens\":2,\"temperature\":0";
        assertBadRequest(completion(base + ",\"suffix\":\"end\"}"), "suffix");
        assertBadRequest(completion(base + ",\"min_p\":0.1}"), "min_p");
        assertBadRequest(completion(base + ",\"tools\":[]}"), "tools");
        assertBadRequest(completion(base + ",\"stream_options\":{\"include_usage\":true}}"), "stream_options");
        assertBadRequest(completion(base + ",\"stream\":true,\"stream_options\":{\"bogus\":1}}"),
                "stream_options.bogus");
        HttpJson.Response noOps = completion(base + ",\"user\":\"u1\",\"suffix\":null}");
        assertThat(noOps.status()).as(noOps.raw().body()).isEqualTo(200);
        String chat = "{\"model\":\"" + m + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_tokens\":2,\"temperature\":0";
        for (String f : List.of("audio", "prediction", "reasoning_effort", "web_search_options", "functions",
                "function_call", "verbosity")) {
            assertBadRequest(chat(chat + ",\"" + f + "\":{\"x\":1}}"), f);
        }
        assertBadRequest(chat(chat + ",\"logit_biasx\":{}}"), "logit_biasx");
        assertBadRequest(chat(chat + ",\"modalities\":[\"text\",\"audio\"]}"), "modalities");
        assertBadRequest(chat(chat + ",\"metadata\":{\"k\":5}}"), "metadata");
        assertBadRequest(chat(chat + ",\"store\":\"yes\"}"), "store");
        HttpJson.Response accepted = chat(chat + ",\"store\":false,\"metadata\":{\"k\":\"v\"},\"user\":\"u\","
                + "\"service_tier\":\"auto\",\"safety_identifier\":\"s\",\"prompt_cache_key\":\"p\","
                + "\"modalities\":[\"text\"],\"parallel_tool_calls\":true}");
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        HttpJson.Response plain = chat(chat + "}");
        assertThat(accepted.json().path("choices").get(0).path("message").path("content").asString())
                .as("no-op fields change no token").isEqualTo(plain.json().path("choices").get(0).path("message")
                        .path("content").asString());
    }

    @Test
    void samplingFieldsAreTypedAndCheckedAgainstTheModel() {
        String m = registerRandom();
        String base = "{\"model\":\"" + m + "\",\"prompt\":\"x\",\"max_tokens\":4";
        assertBadRequest(completion(base + ",\"logit_bias\":{\"256\":5}}"), "logit_bias");
        assertBadRequest(completion(base + ",\"logit_bias\":{\"65\":101}}"), "logit_bias");
        assertBadRequest(completion(base + ",\"logit_bias\":{\"a\":1}}"), "logit_bias");
        assertBadRequest(completion(base + ",\"presence_penalty\":2.5}"), "presence_penalty");
        assertBadRequest(completion(base + ",\"frequency_penalty\":\"1\"}"), "frequency_penalty");
        assertBadRequest(completion(base + ",\"repetition_penalty\":0}"), "repetition_penalty");
        assertBadRequest(completion(base + ",\"min_tokens\":5}"), "min_tokens");
        assertBadRequest(completion(base + ",\"min_tokens\":1.5}"), "min_tokens");
        assertBadRequest(completion(base + ",\"stop_token_ids\":[300]}"), "stop_token_ids");
        assertBadRequest(completion(base + ",\"priority\":\"high\"}"), "priority");
        // a +100 bias on one id makes greedy decoding emit only it
        HttpJson.Response forced = completion(base + ",\"temperature\":0,\"logit_bias\":{\"65\":100}}");
        assertThat(forced.status()).as(forced.raw().body()).isEqualTo(200);
        assertThat(forced.json().path("choices").get(0).path("text").asString()).isEqualTo("AAAA");
        HttpJson.Response penalised = completion(base + ",\"temperature\":0,\"presence_penalty\":1.5,"
                + "\"frequency_penalty\":0.5,\"repetition_penalty\":1.2,\"min_tokens\":2,\"stop_token_ids\":[0],"
                + "\"priority\":-3}");
        assertThat(penalised.status()).as(penalised.raw().body()).isEqualTo(200);
        assertThat(penalised.json().path("choices").get(0).path("token_ids").size()).isBetween(2, 4);
    }

    @Test
    void aMultipartUploadWithoutBoundaryIs400() {
        for (String contentType : List.of("multipart/form-data", "multipart/form-data; boundary=xyz")) {
            HttpJson.Response r = http.send("POST", "/api/inference/models",
                    HttpRequest.BodyPublishers.ofString("not multipart at all"), "Content-Type", contentType);
            assertThat(r.status()).as(contentType + ": " + r.raw().body()).isEqualTo(400);
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(r.raw().body()).doesNotContainPattern("java\\.|Exception|org\\.apache");
        }
    }

    @Test
    void modelsRetrieveAndVllmTokenizeDetokenize() {
        String m = registerRandom();
        HttpJson.Response one = http.get("/api/inference/v1/models/" + m);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asString()).isEqualTo(m);
        assertThat(one.json().path("object").asString()).isEqualTo("model");
        assertThat(one.json().path("max_model_len").asInt()).isEqualTo(4096);
        HttpJson.Response missing = http.get("/api/inference/v1/models/no-such-model");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("code").asString()).isEqualTo("model_not_found");

        HttpJson.Response tok = http.post("/api/inference/tokenize", "{\"model\":\"" + m
                + "\",\"prompt\":\"Héllo\",\"return_token_strs\":true}");
        assertThat(tok.status()).as(tok.raw().body()).isEqualTo(200);
        byte[] utf8 = "Héllo".getBytes(StandardCharsets.UTF_8);
        assertThat(tok.json().path("count").asInt()).isEqualTo(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            assertThat(tok.json().path("tokens").get(i).asInt()).isEqualTo(utf8[i] & 0xff);
        }
        assertThat(tok.json().path("max_model_len").asInt()).isEqualTo(4096);
        assertThat(tok.json().path("token_strs").size()).isEqualTo(utf8.length);
        HttpJson.Response detok = http.post("/api/inference/detokenize", "{\"model\":\"" + m + "\",\"tokens\":"
                + tok.json().path("tokens") + "}");
        assertThat(detok.status()).as(detok.raw().body()).isEqualTo(200);
        assertThat(detok.json().path("prompt").asString()).isEqualTo("Héllo");
        HttpJson.Response chatTok = http.post("/api/inference/tokenize", "{\"model\":\"" + m
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertThat(chatTok.json().path("count").asInt()).isEqualTo("User: Hi\nAssistant:".length());
        assertBadRequest(http.post("/api/inference/detokenize", "{\"model\":\"" + m + "\",\"tokens\":[1,256]}"),
                "tokens");
        assertBadRequest(http.post("/api/inference/tokenize", "{\"model\":\"" + m + "\",\"prompt\":\"x\","
                + "\"extra\":1}"), "extra");
        assertThat(http.post("/api/inference/tokenize", "{\"model\":\"nope\",\"prompt\":\"x\"}").status())
                .isEqualTo(404);
    }

    static final String PERSON = """
            {"type":"object","properties":{
              "name":{"type":"string","minLength":1,"maxLength":8},
              "age":{"type":"integer","minimum":0,"maximum":120},
              "role":{"enum":["admin","user"]},
              "tags":{"type":"array","items":{"type":"string","maxLength":3},"maxItems":2}},
             "required":["name","age","role"],"additionalProperties":false}""";

    static void assertPerson(JsonNode p, String text) {
        assertThat(p.isObject()).as(text).isTrue();
        Set<String> keys = new HashSet<>(p.propertyNames());
        assertThat(keys).as(text).contains("name", "age", "role");
        assertThat(Set.of("name", "age", "role", "tags")).as(text).containsAll(keys);
        assertThat(p.get("name").asString().codePointCount(0, p.get("name").asString().length())).as(text)
                .isBetween(1, 8);
        assertThat(p.get("age").isIntegralNumber()).as(text).isTrue();
        assertThat(p.get("age").asInt()).as(text).isBetween(0, 120);
        assertThat(p.get("role").asString()).as(text).isIn("admin", "user");
        if (p.has("tags")) {
            assertThat(p.get("tags").size()).as(text).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void jsonSchemaAndJsonObjectOutputsParseAndValidate() {
        String m = registerRandom();
        String format = "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"person\",\"strict\":true,"
                + "\"schema\":" + PERSON + "}}";
        HttpJson.Response r = completion("{\"model\":\"" + m + "\",\"prompt\":\"A person: \",\"max_tokens\":120,"
                + "\"n\":6,\"seed\":5,\"response_format\":" + format + "}");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        Set<String> distinct = new HashSet<>();
        for (JsonNode c : r.json().path("choices")) {
            String text = c.path("text").asString();
            assertPerson(JSON.readTree(text), text);
            assertThat(c.path("finish_reason").asString()).isEqualTo("stop");
            distinct.add(text);
        }
        assertThat(distinct).hasSizeGreaterThan(1);
        HttpJson.Response chat = chat("{\"model\":\"" + m + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Who?\"}],\"max_tokens\":120,\"seed\":2,\"response_format\":" + format + "}");
        assertThat(chat.status()).as(chat.raw().body()).isEqualTo(200);
        String content = chat.json().path("choices").get(0).path("message").path("content").asString();
        assertPerson(JSON.readTree(content), content);
        HttpJson.Response object = chat("{\"model\":\"" + m + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"JSON\"}],\"max_tokens\":40,\"seed\":9,\"response_format\":{\"type\":\"json_object\"}}");
        assertThat(object.status()).as(object.raw().body()).isEqualTo(200);
        String obj = object.json().path("choices").get(0).path("message").path("content").asString();
        assertThat(JSON.readTree(obj).isObject()).as(obj).isTrue();
        // a keyword the decoder cannot enforce is named, never ignored
        assertBadRequest(completion("{\"model\":\"" + m + "\",\"prompt\":\"x\",\"response_format\":{\"type\":"
                + "\"json_schema\",\"json_schema\":{\"name\":\"d\",\"schema\":{\"type\":\"object\",\"properties\":"
                + "{\"when\":{\"type\":\"string\",\"format\":\"date-time\"}}}}}}"),
                "response_format.json_schema.schema.properties.when.format");
        assertBadRequest(completion("{\"model\":\"" + m + "\",\"prompt\":\"x\",\"response_format\":{\"type\":"
                + "\"xml\"}}"), "response_format.type");
        assertBadRequest(completion("{\"model\":\"" + m + "\",\"prompt\":\"x\",\"response_format\":{\"type\":"
                + "\"json_schema\",\"json_schema\":{\"schema\":{}}}}"), "response_format.json_schema.name");
    }

    static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
              "parameters":{"type":"object","properties":{"city":{"type":"string","maxLength":12},
                "unit":{"enum":["c","f"]}},"required":["city","unit"],"additionalProperties":false}}},
             {"type":"function","function":{"name":"add","parameters":{"type":"object","properties":{
                "a":{"type":"integer","minimum":-99,"maximum":99},"b":{"type":"integer","minimum":-99,"maximum":99}},
                "required":["a","b"],"additionalProperties":false}}}]""";

    static void assertCall(JsonNode call, String expectName) {
        assertThat(call.path("id").asString()).startsWith("call_");
        assertThat(call.path("type").asString()).isEqualTo("function");
        String name = call.path("function").path("name").asString();
        JsonNode args = JSON.readTree(call.path("function").path("arguments").asString());
        if (expectName != null) {
            assertThat(name).isEqualTo(expectName);
        }
        if (name.equals("add")) {
            assertThat(args.path("a").asInt()).isBetween(-99, 99);
            assertThat(args.path("b").isIntegralNumber()).isTrue();
            assertThat(args.size()).isEqualTo(2);
        } else {
            assertThat(name).isEqualTo("get_weather");
            assertThat(args.path("city").isString()).isTrue();
            assertThat(args.path("unit").asString()).isIn("c", "f");
        }
    }

    @Test
    void toolCallsRequiredNamedNoneAndFollowUpTurns() throws Exception {
        String m = registerRandom();
        String ask = "{\"model\":\"" + m + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
                + "\"max_tokens\":100,\"seed\":4,\"n\":3,\"tools\":" + TOOLS;
        HttpJson.Response required = chat(ask + ",\"tool_choice\":\"required\"}");
        assertThat(required.status()).as(required.raw().body()).isEqualTo(200);
        for (JsonNode c : required.json().path("choices")) {
            assertThat(c.path("finish_reason").asString()).as(c.toString()).isEqualTo("tool_calls");
            assertThat(c.path("message").path("content").isNull()).isTrue();
            assertThat(c.path("message").path("tool_calls").size()).isEqualTo(1);
            assertCall(c.path("message").path("tool_calls").get(0), null);
        }
        HttpJson.Response named = chat(ask + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":"
                + "\"add\"}}}");
        assertThat(named.status()).as(named.raw().body()).isEqualTo(200);
        for (JsonNode c : named.json().path("choices")) {
            assertCall(c.path("message").path("tool_calls").get(0), "add");
        }
        HttpJson.Response none = chat(ask + ",\"tool_choice\":\"none\",\"max_tokens\":5}");
        assertThat(none.status()).as(none.raw().body()).isEqualTo(200);
        assertThat(none.json().path("choices").get(0).path("message").has("tool_calls")).isFalse();
        assertThat(none.json().path("choices").get(0).path("finish_reason").asString()).isIn("length", "stop");
        HttpJson.Response auto = chat(ask + ",\"max_tokens\":8}");
        assertThat(auto.status()).as(auto.raw().body()).isEqualTo(200);

        String call = required.json().path("choices").get(0).path("message").path("tool_calls").get(0).toString();
        String id = JSON.readTree(call).path("id").asString();
        String followUp = "{\"model\":\"" + m + "\",\"tools\":" + TOOLS + ",\"max_tokens\":4,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"18 C\"}]}";
        HttpJson.Response next = chat(followUp);
        assertThat(next.status()).as(next.raw().body()).isEqualTo(200);
        assertBadRequest(chat(followUp.replace("\"tool_call_id\":\"" + id + "\",", "")),
                "messages[2].tool_call_id");
        assertBadRequest(chat(ask + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}}"),
                "tool_choice.function.name");
        assertBadRequest(chat(ask + ",\"tool_choice\":\"sometimes\"}"), "tool_choice");
        assertBadRequest(chat(ask.replace("\"name\":\"add\"", "\"name\":\"get weather\"") + "}"),
                "tools[1].function.name");
        assertBadRequest(chat(ask.replace("\"maxLength\":12", "\"maxLength\":12,\"format\":\"email\"")
                + ",\"tool_choice\":\"required\"}"), "tools[0].function.parameters.properties.city.format");
        assertBadRequest(chat(ask + ",\"tool_choice\":\"required\",\"response_format\":{\"type\":\"json_object\"}}"),
                "response_format");

        // streamed: the deltas add up to one call and the finish reason says so
        List<JsonNode> chunks = stream("/api/inference/v1/chat/completions", ask.replace("\"n\":3", "\"n\":1")
                + ",\"tool_choice\":\"required\",\"stream\":true}");
        String finish = null;
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode ch : chunks) {
            for (JsonNode c : ch.path("choices")) {
                c.path("delta").path("tool_calls").forEach(calls::add);
                if (!c.path("finish_reason").isNull() && !c.path("finish_reason").isMissingNode()) {
                    finish = c.path("finish_reason").asString();
                }
                assertThat(c.path("delta").path("content").asString("")).as("no content beside a required call")
                        .isEmpty();
            }
        }
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().path("index").asInt()).isZero();
        assertCall(calls.getFirst(), null);
    }

    List<JsonNode> stream(String path, String body) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> resp = HttpClient.newHttpClient().send(http.build(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), HttpResponse.BodyHandlers.ofLines());
        assertThat(resp.statusCode()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        resp.body().forEach(line -> {
            if (line.startsWith("data:") && !line.contains("[DONE]")) {
                out.add(JSON.readTree(line.substring(5).trim()));
            }
        });
        return out;
    }
}

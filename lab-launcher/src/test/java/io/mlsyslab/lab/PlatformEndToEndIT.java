package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.lab.supervisor.ChildState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform started through the launcher code (embedded PostgreSQL, five services, gateway as child JVMs)
 * and driven only through the gateway: keys and roles, rate limits, a real run from creation to its chart, an
 * idempotent retry, a service killed mid-run that the launcher's supervisor starts again and whose run is re-queued
 * and finishes, PostgreSQL killed and started again with its data, and a stopped service answering 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final String ADMIN = "e2e-admin-secret";
    private static final String READER = "e2e-reader-secret";
    private static final String LIMITED = "e2e-limited-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Platform platform;
    private static String gateway;
    private static Path home;

    @BeforeAll
    static void startPlatform() throws Exception {
        home = Files.createTempDirectory("mlsys-lab-e2e");
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : LabConfig.DEFAULT_SERVICE_PORTS.keySet()) {
            ports.put(service, freePort());
        }
        LabConfig config = new LabConfig(Path.of("..").toAbsolutePath().normalize(), home, freePort(), freePort(),
                ports, ADMIN, Duration.ofMinutes(4), List.of("-Xmx512m"), Map.of(
                        // the apps run with 512 MB: several served models must fit their KV pools beside each other
                        "INFERENCE_KV_CACHE_BYTES", "32MB",
                        "MLSYSLAB_RUNS_POLL_INTERVAL", "200ms",
                        "MLSYSLAB_RUNS_HEARTBEAT_INTERVAL", "500ms",
                        "MLSYSLAB_RUNS_STALE_AFTER", "3s"), HeapSettings.DEFAULT);
        List<String> gatewayArgs = List.of(
                "--mlsyslab.gateway.api-keys[0].name=e2e-reader",
                "--mlsyslab.gateway.api-keys[0].role=reader",
                "--mlsyslab.gateway.api-keys[0].sha256=" + ApiKeys.sha256(READER),
                "--mlsyslab.gateway.api-keys[1].name=e2e-limited",
                "--mlsyslab.gateway.api-keys[1].role=reader",
                "--mlsyslab.gateway.api-keys[1].sha256=" + ApiKeys.sha256(LIMITED),
                "--mlsyslab.gateway.api-keys[1].rate-limit.capacity=3",
                "--mlsyslab.gateway.api-keys[1].rate-limit.refill-per-second=0.01",
                // the admin key sends the bad-input sweep below
                "--mlsyslab.gateway.rate-limit.capacity=100000",
                "--mlsyslab.gateway.rate-limit.refill-per-second=10000");
        platform = Platform.start(config, Map.of("gateway", gatewayArgs));
        gateway = platform.gatewayUrl();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void keysRolesAndRateLimits() throws Exception {
        assertThat(get("/api/network/run-kinds", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/api/network/run-kinds", "not-a-key");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        assertThat(get("/api/analytics/run-kinds", READER).statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = post("/api/analytics/runs", READER, "{\"kind\":\"kde-regimes\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/storage/run-kinds", LIMITED).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = get("/api/storage/run-kinds", LIMITED);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(2)
    void runThroughTheGatewayFromCreationToChartAndIdempotentRetry() throws Exception {
        String body = "{\"kind\":\"kde-regimes\",\"params\":{\"d\":10,\"alpha\":0.5,\"queries\":50,"
                + "\"replicates\":0,\"gridPoints\":7},\"tags\":{\"suite\":\"e2e\"}}";
        HttpResponse<String> created = post("/api/analytics/runs", ADMIN, body, "Idempotency-Key", "e2e-first");
        assertThat(created.statusCode()).isEqualTo(202);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = json(created).path("id").asString();
        assertThat(location).isEqualTo("/api/analytics/runs/" + id);
        // the gateway names the key that created the run; the secret itself never reaches the service
        assertThat(json(created).path("createdBy").asString()).isEqualTo("lab-admin");

        JsonNode done = await(location, run -> run.path("status").asString().equals("SUCCEEDED"),
                Duration.ofMinutes(2));
        assertThat(done.path("result").isObject()).isTrue();
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);

        HttpResponse<String> chart = get(location + "/artifacts/chart.svg", ADMIN);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(chart.body()).startsWith("<svg");

        HttpResponse<String> again = post("/api/analytics/runs", ADMIN, body, "Idempotency-Key", "e2e-first");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("id").asString()).isEqualTo(id);
        HttpResponse<String> clash = post("/api/analytics/runs", ADMIN, body.replace("\"d\":10", "\"d\":11"),
                "Idempotency-Key", "e2e-first");
        assertThat(clash.statusCode()).isEqualTo(409);
    }

    /** Requests a client can get wrong, each to be answered with a 4xx problem, never a 500 or a hang. */
    private static final List<String[]> BAD_REQUESTS = List.of(
            new String[] {"/api/network/runs", "{"},
            new String[] {"/api/network/runs", "[]"},
            new String[] {"/api/network/runs", "{\"kind\":123}"},
            new String[] {"/api/network/runs", "{\"kind\":\"spraying-study\",\"params\":[]}"},
            new String[] {"/api/network/runs", "{\"kind\":\"spraying-study\",\"params\":{\"fabricSizes\":[null]}}"},
            new String[] {"/api/network/runs", "{\"kind\":\"wireless-crosslayer\",\"params\":{\"seeds\":0}}"},
            new String[] {"/api/analytics/runs", "{\"kind\":\"kde-regimes\",\"params\":{\"d\":1e9}}"},
            new String[] {"/api/analytics/runs", "{\"kind\":\"kde-regimes\",\"params\":{\"minRatio\":2,\"maxRatio\":1}}"},
            new String[] {"/api/analytics/runs", "{\"kind\":\"run-metric-density\",\"params\":{\"service\":\"x\"}}"},
            new String[] {"/api/storage/runs", "{\"kind\":\"anything\"}"},
            new String[] {"/api/network/fabric/analyze", "{}"},
            new String[] {"/api/network/fabric/analyze", "{\"fabric\":{\"leaves\":0}}"},
            new String[] {"/api/network/fabric/analyze", "{\"fabric\":{\"topology\":\"fat-tree\",\"k\":1000}}"},
            new String[] {"/api/network/fabric/analyze",
                "{\"fabric\":{\"leaves\":4,\"spines\":4,\"hostsPerLeaf\":4,\"switchRadix\":2}}"},
            new String[] {"/api/network/wireless/simulate", "{\"users\":0}"},
            new String[] {"/api/network/wireless/simulate", "{\"lossTarget\":2}"},
            new String[] {"/api/analytics/kde/density", "{\"data\":[[1,2],[3]]}"},
            new String[] {"/api/analytics/kde/density", "{\"data\":[[1e308],[-1e308]],\"queries\":[[0]]}"},
            new String[] {"/api/analytics/kde/density", "{\"data\":{\"gaussian\":{\"n\":1e9,\"d\":2}},\"queries\":[[0,0]]}"},
            new String[] {"/api/analytics/kde/density", "{\"data\":[[1],[1]],\"queries\":[[1]],\"bandwidth\":\"cv-ml\"}"});

    @Test
    @Order(3)
    void badInputIsAProblemNeverAServerError() throws Exception {
        for (String[] request : BAD_REQUESTS) {
            HttpResponse<String> response = post(request[0], ADMIN, request[1]);
            assertThat(response.statusCode()).as(request[0] + " " + request[1]).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(request[0] + " " + request[1]).startsWith("application/problem+json");
        }
        for (String path : List.of("/api/training/runs?pageSize=abc", "/api/training/runs?status=DONE",
                "/api/training/runs?pageToken=%25%25", "/api/training/runs/not-a-uuid",
                "/api/analytics/kde/regimes?alpha=abc", "/api/analytics/kde/regimes?alpha=0.5&sigma=0")) {
            HttpResponse<String> response = get(path, ADMIN);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
        }
    }

    @Test
    @Order(4)
    void everyMetricOfTheDashboardsAndRulesIsExportedAndEveryQueryAnswers() throws Exception {
        // one API call per service (its endpoint panels), and the synchronous domain calls whose meters the
        // dashboards show
        for (String service : LabConfig.DEFAULT_SERVICE_PORTS.keySet()) {
            assertThat(get("/api/" + service + "/run-kinds", ADMIN).statusCode()).as(service).isEqualTo(200);
        }
        // the services believe only the gateway's signed word (LAB_SIGNING_SECRET): a direct call, even one that
        // names a principal, is refused
        for (String service : LabConfig.DEFAULT_SERVICE_PORTS.keySet()) {
            HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(platform.urls().get(service)
                    + "/api/" + service + "/run-kinds")).header("X-Lab-Principal", "mallory")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).as("direct call to " + service).isEqualTo(401);
        }
        assertThat(post("/api/network/fabric/analyze", ADMIN, "{\"fabric\":{\"leaves\":4,\"spines\":4,"
                + "\"hostsPerLeaf\":4},\"traffic\":{\"collective\":\"permutation\",\"placement\":\"random\"},"
                + "\"policies\":[\"ecmp\",\"spraying\"],\"ecmpTrials\":3}").statusCode()).isEqualTo(200);
        assertThat(post("/api/analytics/kde/density", ADMIN, "{\"data\":[[0,0],[1,0],[0,2]],"
                + "\"queries\":[[0.5,0.5]],\"bandwidth\":0.7}").statusCode()).isEqualTo(200);

        Set<String> exported = new TreeSet<>();
        for (String url : platform.urls().values()) {
            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            scrape.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
        }
        List<DashboardQueries.Query> queries = DashboardQueries.all();
        Set<String> used = new TreeSet<>();
        queries.forEach(q -> used.addAll(DashboardQueries.metricNames(q.promql())));
        used.remove("up"); // Prometheus's own
        used.removeAll(DashboardQueries.NOT_YET_EXPORTED);
        assertThat(exported).as("metrics the dashboards and rules use").containsAll(used);

        // Prometheus against the lab: every target up, every query valid and, where the lab has had the traffic,
        // with data
        Monitoring monitoring = new Monitoring("prometheus", freePort());
        Path binary = monitoring.executable().orElseThrow(() -> new AssertionError(
                "prometheus is missing: install Debian's prometheus (.ci/run does)"));
        Process prometheus = monitoring.start(binary, platform.logs().getParent(), Path.of("..").toAbsolutePath()
                .normalize(), platform.urls(), platform.logs().resolve("prometheus.log"), Duration.ofSeconds(1));
        try {
            String api = monitoring.url() + "/api/v1/";
            awaitPrometheus(api + "targets", t -> {
                JsonNode active = t.path("data").path("activeTargets");
                boolean allUp = active.size() == platform.urls().size();
                for (JsonNode target : active) {
                    allUp &= target.path("health").asString().equals("up");
                }
                return allUp;
            });
            List<String> empty = new java.util.ArrayList<>();
            for (DashboardQueries.Query q : queries) {
                boolean expectData = !q.alert() && !exempt(q.promql());
                String path = api + "query?query=" + java.net.URLEncoder.encode(q.promql(),
                        java.nio.charset.StandardCharsets.UTF_8);
                JsonNode answer;
                try {
                    answer = awaitPrometheus(path, r -> r.path("status").asString().equals("success")
                            && (!expectData || !r.path("data").path("result").isEmpty()));
                } catch (AssertionError e) {
                    empty.add(q.where() + ": " + q.promql());
                    continue;
                }
                assertThat(answer.path("status").asString()).as(q.where()).isEqualTo("success");
            }
            assertThat(empty).as("queries without data").isEmpty();
        } finally {
            prometheus.destroy();
            prometheus.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /**
     * Queries that are empty in a healthy lab that ran only analytics runs: metrics of services still being built,
     * server errors, failed runs, and run meters of services that ran nothing.
     */
    private static boolean exempt(String promql) {
        return DashboardQueries.metricNames(promql).stream().anyMatch(DashboardQueries.NOT_YET_EXPORTED::contains)
                || promql.contains("5..") || promql.contains("FAILED")
                || promql.matches("(?s).*runs_(finished_total|duration_seconds_bucket)\\{application=\"(storage|"
                        + "inference|training|network)\".*");
    }

    /** Polls a Prometheus API path until the answer satisfies the condition (20 s). */
    private static JsonNode awaitPrometheus(String url, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            last = JSON.readTree(r.body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " never satisfied the condition; last answer " + last);
    }

    /**
     * KV offload (inference-service → storage-service, direct): a random preset model registered with
     * {@code kvOffload: storage} gives the same greedy tokens as the same prompts with {@code kvOffload: none},
     * and its sequences are gone from storage when the requests finish.
     */
    @Test
    @Order(5)
    void kvOffloadToStorageGivesTheLocalGreedyTokens() throws Exception {
        int storedBefore = json(get("/api/storage/kv/sequences", ADMIN)).size();
        HttpResponse<String> model = post("/api/inference/models", ADMIN,
                "{\"name\":\"e2e-offload\",\"preset\":\"tiny\",\"seed\":7,\"kvOffload\":\"storage\"}");
        assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
        assertThat(json(model).path("kvOffload").asString()).isEqualTo("storage");
        String request = "{\"model\":\"e2e-offload\",\"prompt\":[[5,9,2,200,17,3],[1,2,3]],\"max_tokens\":12,"
                + "\"temperature\":0,\"n\":1%s}";
        HttpResponse<String> offloaded = post("/api/inference/v1/completions", ADMIN, request.formatted(""));
        assertThat(offloaded.statusCode()).as(offloaded.body()).isEqualTo(200);
        HttpResponse<String> local = post("/api/inference/v1/completions", ADMIN,
                request.formatted(",\"kvOffload\":\"none\""));
        assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
        JsonNode a = json(offloaded).path("choices"), b = json(local).path("choices");
        assertThat(a.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(a.get(i).path("token_ids").size()).isEqualTo(12);
            assertThat(a.get(i).path("token_ids").toString()).isEqualTo(b.get(i).path("token_ids").toString());
        }
        HttpResponse<String> bad = post("/api/inference/v1/completions", ADMIN,
                request.formatted(",\"kvOffload\":\"disk\""));
        assertThat(bad.statusCode()).isEqualTo(400);
        // slots give their stored sequences back when their requests finish
        await("/api/storage/kv/sequences", list -> list.size() == storedBefore, Duration.ofSeconds(30));
    }

    @Test
    @Order(6)
    void serviceKilledMidRunIsRestartedByTheSupervisorAndTheRunFinishes() throws Exception {
        String body = "{\"kind\":\"kde-regimes\",\"params\":{\"d\":20,\"alpha\":0.5,\"queries\":1000,"
                + "\"replicates\":1000,\"gridPoints\":25}}";
        HttpResponse<String> created = post("/api/analytics/runs", ADMIN, body);
        assertThat(created.statusCode()).isEqualTo(202);
        String location = created.headers().firstValue("Location").orElseThrow();
        await(location, run -> run.path("status").asString().equals("RUNNING"), Duration.ofMinutes(1));
        long killedPid = platform.child("analytics").pid();

        platform.kill("analytics"); // SIGKILL, as a crash or the OOM killer would
        // the gateway answers for the dead service at once, with a problem, inside the client's 2 s budget
        HttpResponse<String> down = get(location, ADMIN, Duration.ofSeconds(2));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        // nobody restarts it by hand: the supervisor does, and the run it held is re-queued and finishes
        await("/api/analytics/run-kinds", kinds -> true, Duration.ofSeconds(90));
        JsonNode done = await(location, run -> run.path("status").asString().equals("SUCCEEDED"),
                Duration.ofMinutes(5));
        assertThat(done.path("attempt").asInt()).isEqualTo(2);
        assertThat(done.path("result").isObject()).isTrue();

        var analytics = platform.child("analytics");
        assertThat(analytics.state()).isEqualTo(ChildState.RUNNING);
        assertThat(analytics.restarts()).isEqualTo(1);
        assertThat(analytics.pid()).isNotEqualTo(killedPid);
        assertThat(analytics.lastExitCode()).hasValue(137);
        // ./lab status in another terminal reads the same from the state file
        ChildEntry written = ChildEntry.readAll(LabState.read(home).orElseThrow()).stream()
                .filter(c -> c.status().name().equals("analytics")).findFirst().orElseThrow();
        assertThat(written.status().restarts()).isEqualTo(1);
        assertThat(written.status().pid()).isEqualTo(analytics.pid());
        assertThat(platform.children()).filteredOn(c -> !c.name().equals("analytics"))
                .allSatisfy(c -> assertThat(c.restarts()).as(c.name()).isZero());
    }

    @Test
    @Order(7)
    void postgresKilledIsRestartedWithItsDataAndTheServicesCarryOn() throws Exception {
        HttpResponse<String> created = post("/api/analytics/runs", ADMIN, "{\"kind\":\"kde-regimes\",\"params\":{"
                + "\"d\":10,\"alpha\":0.5,\"queries\":50,\"replicates\":0,\"gridPoints\":7}}");
        assertThat(created.statusCode()).isEqualTo(202);
        String before = created.headers().firstValue("Location").orElseThrow();
        await(before, run -> run.path("status").asString().equals("SUCCEEDED"), Duration.ofMinutes(2));
        long killedPid = platform.child("postgres").pid();

        platform.kill("postgres");

        await(() -> platform.child("postgres").restarts() == 1
                && platform.child("postgres").state() == ChildState.RUNNING,
                Duration.ofMinutes(2));
        assertThat(platform.child("postgres").pid()).isNotEqualTo(killedPid);
        // the run written before the kill is still there, and the services' pools found the new server
        JsonNode kept = await(before, run -> true, Duration.ofMinutes(2));
        assertThat(kept.path("status").asString()).isEqualTo("SUCCEEDED");
        HttpResponse<String> after = post("/api/analytics/runs", ADMIN, "{\"kind\":\"kde-regimes\",\"params\":{"
                + "\"d\":10,\"alpha\":0.5,\"queries\":50,\"replicates\":0,\"gridPoints\":7}}");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
        await(after.headers().firstValue("Location").orElseThrow(),
                run -> run.path("status").asString().equals("SUCCEEDED"), Duration.ofMinutes(2));
        // the apps rode it out: none of them crashed
        assertThat(platform.children()).filteredOn(c -> !c.name().matches("postgres|analytics"))
                .allSatisfy(c -> assertThat(c.restarts()).as(c.name()).isZero());
    }

    /**
     * A tiny lm-train run in training, imported into inference by its run id (inference fetches the checkpoint from
     * training directly) and served: a greedy completion of token ids gives max_tokens tokens from a model of the
     * run's shape.
     */
    @Test
    @Order(8)
    void trainedCheckpointIsImportedIntoInferenceByRunIdAndServed() throws Exception {
        HttpResponse<String> created = post("/api/training/runs", ADMIN, "{\"kind\":\"lm-train\",\"params\":{"
                + "\"algorithm\":\"data-parallel\",\"workers\":1,\"innerSteps\":2,\"warmupSteps\":0,\"nLayer\":1,"
                + "\"nEmbd\":16,\"nHead\":2,\"seqLen\":16,\"batch\":2,\"corpusTokens\":1000,\"tokens\":128,"
                + "\"evalBatches\":1}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String location = created.headers().firstValue("Location").orElseThrow();
        String runId = json(created).path("id").asString();
        JsonNode done = await(location, run -> run.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"),
                Duration.ofMinutes(3));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode config = json(get(location + "/artifacts/config.json", ADMIN));

        HttpResponse<String> imported = post("/api/inference/models", ADMIN, "{\"name\":\"e2e-trained\","
                + "\"fromRun\":{\"service\":\"training\",\"runId\":\"" + runId + "\"}}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode model = json(imported);
        assertThat(model.path("source").asString()).isEqualTo("run");
        assertThat(model.path("sourceRun").asString()).isEqualTo(runId);
        assertThat(model.path("nLayer").asInt()).isEqualTo(config.path("n_layer").asInt()).isEqualTo(1);
        assertThat(model.path("nEmbd").asInt()).isEqualTo(config.path("n_embd").asInt()).isEqualTo(16);

        HttpResponse<String> completion = post("/api/inference/v1/completions", ADMIN, "{\"model\":\"e2e-trained\","
                + "\"prompt\":[1,2,3],\"max_tokens\":8,\"temperature\":0}");
        assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
        JsonNode choice = json(completion).path("choices").get(0);
        assertThat(choice.path("token_ids").size()).isEqualTo(8);
        assertThat(json(completion).path("usage").path("completion_tokens").asInt()).isEqualTo(8);
    }

    @Test
    @Order(9)
    void stoppedServiceAnswers503Quickly() throws Exception {
        platform.stop("training");
        // a planned stop is no crash: nothing starts it again
        assertThat(platform.child("training").state()).isEqualTo(ChildState.STOPPED);
        assertThat(platform.child("training").restarts()).isZero();
        HttpResponse<String> response = get("/api/training/run-kinds", ADMIN, Duration.ofSeconds(2));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("status").asInt()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    /**
     * vLLM's own Grafana dashboard works on inference-service: after a few completions of model {@code e2e-vllm}
     * every query of the dashboard ({@link DashboardQueries#vllm}) answers with data in a real Prometheus.
     */
    @Test
    @Order(10)
    void vllmGrafanaDashboardQueriesAnswerAfterCompletions() throws Exception {
        HttpResponse<String> model = post("/api/inference/models", ADMIN,
                "{\"name\":\"e2e-vllm\",\"preset\":\"tiny\",\"seed\":3}");
        assertThat(model.statusCode()).as(model.body()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> completion = post("/api/inference/v1/completions", ADMIN,
                    "{\"model\":\"e2e-vllm\",\"prompt\":[1,2,3," + i + "],\"max_tokens\":6,\"n\":2}");
            assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
        }
        Monitoring monitoring = new Monitoring("prometheus", freePort());
        Path binary = monitoring.executable().orElseThrow(() -> new AssertionError(
                "prometheus is missing: install Debian's prometheus (.ci/run does)"));
        Process prometheus = monitoring.start(binary, platform.logs().getParent(), Path.of("..").toAbsolutePath()
                .normalize(), platform.urls(), platform.logs().resolve("prometheus-vllm.log"), Duration.ofSeconds(1));
        try {
            List<String> empty = new java.util.ArrayList<>();
            for (DashboardQueries.Query q : DashboardQueries.vllm()) {
                String path = monitoring.url() + "/api/v1/query?query=" + java.net.URLEncoder.encode(q.promql(),
                        java.nio.charset.StandardCharsets.UTF_8);
                try {
                    awaitPrometheus(path, r -> r.path("status").asString().equals("success")
                            && !r.path("data").path("result").isEmpty());
                } catch (AssertionError e) {
                    empty.add(q.where() + ": " + q.promql());
                }
            }
            assertThat(empty).as("vLLM dashboard queries without data").isEmpty();
        } finally {
            prometheus.destroy();
            prometheus.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path, ADMIN);
            if (response.statusCode() == 200) {
                last = json(response);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + timeout + " for " + path + "; last: " + last);
    }

    private static void await(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return get(path, key, Duration.ofSeconds(30));
    }

    /** A GET whose client gives up after {@code timeout}: a slower answer fails the test with a timeout. */
    private static HttpResponse<String> get(String path, String key, Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(timeout).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String key, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

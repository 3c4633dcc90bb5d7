package io.mlsyslab.platform.runs;

import io.mlsyslab.contract.Run;
import io.mlsyslab.contract.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.platform.clients.RunsClient;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import io.mlsyslab.platform.test.TestSigning;
import io.mlsyslab.platform.testapp.TestApplication;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The run API end to end over real HTTP against a real PostgreSQL, with a test-only kind. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:platform-test.properties")
class RunsApiIT extends PostgresIntegrationTest {

    private static final String API = "/api/platformtest";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RunExecutor executor;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    private JsonNode awaitStatus(String id, String status) {
        return http.await(API + "/runs/" + id, run -> run.path("status").asString().equals(status), WAIT);
    }

    @Test
    void runKindsPublishSchemaAndDefaults() {
        HttpJson.Response response = http.get(API + "/run-kinds");
        assertThat(response.status()).isEqualTo(200);
        JsonNode kind = response.json().path("kinds").get(0);
        JsonNode echo = response.json().path("kinds").get(1);
        assertThat(echo.path("name").asString()).isEqualTo("echo");
        assertThat(echo.path("paramsSchema").path("required").get(0).asString()).isEqualTo("message");
        assertThat(echo.path("defaults").path("times").asInt()).isEqualTo(1);
        assertThat(kind.path("name").asString()).isEqualTo("countdown");
        assertThat(kind.path("defaults").path("steps").asInt()).isEqualTo(3);
        JsonNode steps = kind.path("paramsSchema").path("properties").path("steps");
        assertThat(steps.path("type").asString()).isEqualTo("integer");
        assertThat(steps.path("minimum").asInt()).isEqualTo(1);
        assertThat(steps.path("maximum").asInt()).isEqualTo(10_000);
        assertThat(steps.path("default").asInt()).isEqualTo(3);
        assertThat(steps.path("description").asString()).isEqualTo("number of steps");
        assertThat(kind.path("paramsSchema").path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void runGoesFromQueuedToSucceededWithResultMetricsAndArtifacts() {
        HttpJson.Response created = http.as("alice", "writer").post(API + "/runs",
                "{\"kind\":\"countdown\",\"params\":{\"steps\":4},\"tags\":{\"team\":\"a\"}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo(API + "/runs/" + id);
        assertThat(created.json().path("params").path("stepMillis").asInt()).isEqualTo(10);
        assertThat(created.json().path("createdBy").asString()).isEqualTo("alice");

        JsonNode done = awaitStatus(id, "SUCCEEDED");
        assertThat(done.path("result").path("sumOfSquares").asLong()).isEqualTo(0 + 1 + 4 + 9);
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.path("attempt").asInt()).isEqualTo(1);
        assertThat(done.path("finishedAt").isNull()).isFalse();

        JsonNode series = http.get(API + "/runs/" + id + "/metrics").json().path("series").path("square");
        assertThat(series.size()).isEqualTo(4);
        assertThat(http.get(API + "/runs/" + id + "/metrics?limit=3").json().path("series").path("square").size())
                .isEqualTo(3);
        assertThat(http.get(API + "/runs/" + id + "/metrics?limit=0").status()).isEqualTo(400);
        // one point fetched, the series' full length reported
        JsonNode one = http.get(API + "/runs/" + id + "/metrics?name=square&limit=1").json();
        assertThat(one.path("series").path("square").size()).isEqualTo(1);
        assertThat(one.path("counts").path("square").asLong()).isEqualTo(4);
        assertThat(http.get(API + "/runs/" + id + "/metrics?name=nothing&limit=1").json().path("counts").size())
                .isZero();
        assertThat(series.get(3).path("step").asLong()).isEqualTo(3);
        assertThat(series.get(3).path("value").asDouble()).isEqualTo(9.0);

        JsonNode artifacts = http.get(API + "/runs/" + id + "/artifacts").json().path("artifacts");
        Set<String> names = new HashSet<>();
        artifacts.forEach(a -> names.add(a.path("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("result.json", "chart.svg");
        HttpJson.Response result = http.get(API + "/runs/" + id + "/artifacts/result.json");
        assertThat(result.json().path("sumOfSquares").asLong()).isEqualTo(14);
        HttpJson.Response chart = http.get(API + "/runs/" + id + "/artifacts/chart.svg");
        assertThat(chart.contentType()).startsWith("image/svg+xml");
        assertThat(chart.raw().body()).startsWith("<svg").contains("squares");
    }

    @Test
    void failingKindEndsFailedWithItsMessage() {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"failAt\":1}}").json()
                .path("id").asString();
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.path("error").path("message").asString()).isEqualTo("asked to fail at step 1");
        assertThat(failed.path("error").path("type").asString()).isEqualTo("Failed");
    }

    @Test
    void idempotencyKeyReturnsTheSameRunOrConflicts() {
        String key = "key-" + UUID.randomUUID();
        String body = "{\"kind\":\"countdown\",\"params\":{\"steps\":1}}";
        HttpJson.Response first = http.post(API + "/runs", body, "Idempotency-Key", key);
        HttpJson.Response again = http.post(API + "/runs", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        // spelling out a default is the same request
        HttpJson.Response explicit = http.post(API + "/runs",
                "{\"kind\":\"countdown\",\"params\":{\"steps\":1,\"stepMillis\":10}}", "Idempotency-Key", key);
        assertThat(explicit.json().path("id").asString()).isEqualTo(first.json().path("id").asString());

        HttpJson.Response different = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":2}}",
                "Idempotency-Key", key);
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aKindsSubmissionCheckRefusesThePostAndStoresNothing() {
        String tag = UUID.randomUUID().toString();
        HttpJson.Response refused = http.post(API + "/runs", "{\"kind\":\"echo\",\"params\":{\"message\":\""
                + io.mlsyslab.platform.testapp.EchoKind.REFUSED + "\"},\"tags\":{\"t\":\"" + tag + "\"}}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("params.message");
        assertThat(http.get(API + "/runs?tag=t:" + tag).json().path("runs").size()).isZero();
        HttpJson.Response accepted = http.post(API + "/runs", "{\"kind\":\"echo\",\"params\":{\"message\":"
                + "\"fine\"},\"tags\":{\"t\":\"" + tag + "\"}}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(http.get(API + "/runs?tag=t:" + tag).json().path("runs").size()).isEqualTo(1);
        // a value with commas is one filter, found as written (each tag= is one key:value; repeat tag= to AND them)
        HttpJson.Response commas = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1},"
                + "\"tags\":{\"t\":\"" + tag + ",x,y\",\"u\":\"1\"}}");
        assertThat(commas.status()).as(commas.raw().body()).isEqualTo(202);
        assertThat(http.get(API + "/runs?tag=t:" + tag + ",x,y").json().path("runs").size()).isEqualTo(1);
        assertThat(http.get(API + "/runs?tag=t:" + tag + ",x,y&tag=u:1").json().path("runs").size()).isEqualTo(1);
        assertThat(http.get(API + "/runs?tag=t:" + tag + ",x,y&tag=u:2").json().path("runs").size()).isZero();
    }

    /**
     * Path ids the container refuses before any controller runs (an encoded slash, NUL, a byte that is not UTF-8)
     * and invalid UTF-8 in a query filter: problem+json with a 4xx, never the container's HTML page or a 500.
     */
    @Test
    void containerLevelRejectionsAreProblems() throws Exception {
        for (String target : new String[]{API + "/runs/%2F", API + "/runs/%00", API + "/runs/%ff",
                API + "/runs/a%2Fb/events", API + "/runs?tag=team:%ff%fe", API + "/runs?tag=%C3%28:x",
                API + "/runs/%"}) {
            String answer = rawGet(target);
            int status = Integer.parseInt(answer.substring(9, 12));
            assertThat(status).as(target + "\n" + answer).isBetween(400, 499).isNotEqualTo(401);
            assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(target + "\n" + answer)
                    .contains("content-type: application/problem+json").doesNotContain("<html");
        }
    }

    private String rawGet(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder signature = new StringBuilder();
            TestSigning.headersForTarget(TestSigning.ADMIN, "admin", "GET", target)
                    .forEach((name, value) -> signature.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + signature + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void badRequestsNameTheField() {
        HttpJson.Response unknownKind = http.post(API + "/runs", "{\"kind\":\"nope\"}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.contentType()).startsWith("application/problem+json");
        assertThat(unknownKind.json().path("errors").get(0).path("field").asString()).isEqualTo("kind");

        HttpJson.Response unknownParam = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"stepz\":1}}");
        assertThat(unknownParam.status()).isEqualTo(400);
        assertThat(unknownParam.json().path("errors").get(0).path("field").asString()).isEqualTo("params.stepz");

        HttpJson.Response outOfRange = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":0}}");
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().path("errors").get(0).path("field").asString()).isEqualTo("params.steps");

        HttpJson.Response wrongType = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":\"x\"}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("params.steps");

        // strict JSON types: no string, fraction or boolean is taken for an integer; nothing is created
        long before = http.get(API + "/runs?pageSize=100").json().path("runs").size();
        for (String steps : new String[]{"\"3\"", "1.5", "true"}) {
            HttpJson.Response coerced = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":"
                    + steps + "}}");
            assertThat(coerced.status()).as(steps).isEqualTo(400);
            assertThat(coerced.json().path("errors").get(0).path("field").asString()).as(steps)
                    .isEqualTo("params.steps");
            assertThat(coerced.raw().body()).as(steps).doesNotContainPattern("`|java\\.|tools\\.jackson|Exception");
        }
        assertThat(http.get(API + "/runs?pageSize=100").json().path("runs").size()).isEqualTo(before);

        HttpJson.Response missingRequired = http.post(API + "/runs", "{\"kind\":\"echo\"}");
        assertThat(missingRequired.status()).isEqualTo(400);
        assertThat(missingRequired.json().path("errors").get(0).path("field").asString()).isEqualTo("params.message");

        HttpJson.Response missingKind = http.post(API + "/runs", "{\"params\":{}}");
        assertThat(missingKind.status()).isEqualTo(400);
        assertThat(missingKind.json().path("errors").get(0).path("field").asString()).isEqualTo("kind");

        HttpJson.Response malformed = http.post(API + "/runs", "{\"kind\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        HttpJson.Response nul = http.post(API + "/runs", "{\"kind\":\"countdown\",\"tags\":{\"a\":\"x\\u0000y\"}}");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().path("errors").get(0).path("field").asString()).isEqualTo("tags.a");
        assertThat(nul.json().path("requestId").asString()).isNotBlank();

        HttpJson.Response badTag = http.post(API + "/runs", "{\"kind\":\"countdown\",\"tags\":{\"a:b\":\"c\"}}");
        assertThat(badTag.status()).isEqualTo(400);
        assertThat(badTag.json().path("errors").get(0).path("field").asString()).isEqualTo("tags");
    }

    @Test
    void unknownRunsRoutesAndMethodsAreProblems() {
        HttpJson.Response missing = http.get(API + "/runs/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        HttpJson.Response notUuid = http.get(API + "/runs/not-a-uuid");
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.json().path("errors").get(0).path("field").asString()).isEqualTo("id");

        HttpJson.Response noRoute = http.get("/api/platformtest/nowhere");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.contentType()).startsWith("application/problem+json");

        HttpJson.Response wrongMethod = http.send("DELETE", API + "/run-kinds", HttpRequest.BodyPublishers.noBody());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");

        HttpJson.Response badStatus = http.get(API + "/runs?status=DONE");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("errors").get(0).path("field").asString()).isEqualTo("status");
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "{\"kind\":\"countdown\",\"tags\":{\"x\":\"" + "a".repeat(70_000) + "\"}}";
        HttpJson.Response declared = http.post(API + "/runs", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");

        HttpJson.Response chunked = http.send("POST", API + "/runs",
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big)),
                "Content-Type", "application/json");
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void listingPagesWithTokensAndFilters() {
        String tag = "batch-" + UUID.randomUUID();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1,\"stepMillis\":0},"
                    + "\"tags\":{\"batch\":\"" + tag + "\"}}").json().path("id").asString());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String query = API + "/runs?pageSize=2&tag=batch:" + tag + (token == null ? "" : "&pageToken=" + token);
            JsonNode page = http.get(query).json();
            page.path("runs").forEach(run -> assertThat(seen.add(run.path("id").asString())).isTrue());
            token = page.path("nextPageToken").isNull() ? null : page.path("nextPageToken").asString();
            pages++;
        } while (token != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);

        JsonNode none = http.get(API + "/runs?kind=other&tag=batch:" + tag).json();
        assertThat(none.path("runs").size()).isZero();
        assertThat(http.get(API + "/runs?pageToken=garbage").status()).isEqualTo(400);
        String farFuture = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("r1:" + Long.MAX_VALUE + ":0:" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(http.get(API + "/runs?pageToken=" + farFuture).status()).isEqualTo(400);
        assertThat(http.get(API + "/runs?kind=%00").status()).isEqualTo(400);
        assertThat(http.get(API + "/runs?pageSize=0").status()).isEqualTo(400);
    }

    @Test
    void cancellingRunningQueuedAndFinishedRuns() {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1000,\"stepMillis\":20}}")
                .json().path("id").asString();
        awaitStatus(id, "RUNNING");
        HttpJson.Response cancel = http.post(API + "/runs/" + id + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(200);
        JsonNode cancelled = awaitStatus(id, "CANCELLED");
        assertThat(cancelled.path("error").path("type").asString()).isEqualTo("Cancelled");

        HttpJson.Response again = http.post(API + "/runs/" + id + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void staleRunningRunIsRequeuedAndFinishes() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into runs (id, kind, status, params, owner, attempt, started_at, heartbeat_at)
                values (:id, 'countdown', 'RUNNING', '{"steps":2,"stepMillis":1}', 'dead-replica', 1,
                        now() - interval '1 minute', now() - interval '1 minute')
                """).param("id", id).update();
        JsonNode done = awaitStatus(id.toString(), "SUCCEEDED");
        assertThat(done.path("attempt").asInt()).isEqualTo(2);
        assertThat(done.path("result").path("sumOfSquares").asLong()).isEqualTo(1);
    }

    @Test
    void staleRunWhoseCancellationWasAskedForEndsCancelledInsteadOfRunningAgain() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into runs (id, kind, status, params, owner, attempt, cancel_requested, started_at, heartbeat_at)
                values (:id, 'countdown', 'RUNNING', '{"steps":2}', 'dead-replica', 1, true,
                        now() - interval '1 minute', now() - interval '1 minute')
                """).param("id", id).update();
        JsonNode cancelled = awaitStatus(id.toString(), "CANCELLED");
        assertThat(cancelled.path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void staleRunThatExhaustedItsAttemptsFails() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into runs (id, kind, status, params, owner, attempt, started_at, heartbeat_at)
                values (:id, 'countdown', 'RUNNING', '{"steps":2}', 'dead-replica', 3,
                        now() - interval '1 minute', now() - interval '1 minute')
                """).param("id", id).update();
        JsonNode failed = awaitStatus(id.toString(), "FAILED");
        assertThat(failed.path("error").path("type").asString()).isEqualTo("Abandoned");
    }

    @Test
    void shutdownHandsRunningRunsBackToTheQueue() {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":200,\"stepMillis\":20}}")
                .json().path("id").asString();
        awaitStatus(id, "RUNNING");
        executor.stop();
        try {
            String status = jdbc.sql("select status from runs where id = :id").param("id", UUID.fromString(id))
                    .query(String.class).single();
            assertThat(status).isEqualTo("QUEUED");
        } finally {
            executor.start();
        }
        JsonNode done = awaitStatus(id, "SUCCEEDED");
        assertThat(done.path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void eventsStreamFollowsTheRunToItsEnd() throws Exception {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":5,\"stepMillis\":100}}")
                .json().path("id").asString();
        HttpJson.Response stream = http.send(http.builder(API + "/runs/" + id + "/events")
                .header("Accept", "text/event-stream").GET());
        assertThat(stream.status()).isEqualTo(200);
        String body = stream.raw().body();
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(body).contains("event:run");
        String lastData = body.lines().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow();
        assertThat(HttpJson.parse(lastData.substring(5)).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void runsClientReadsRunsAndSeriesOfAnotherServiceAndMapsFailures() {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":4}}").json()
                .path("id").asString();
        awaitStatus(id, "SUCCEEDED");
        RunsClient client = new RunsClient(new ServicesProperties(Map.of("platformtest", "http://localhost:" + port,
                "gone", "http://localhost:1"), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                TestSigning.asService("analytics"));
        UUID runId = UUID.fromString(id);
        assertThat(client.run("platformtest", runId).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(client.metric("platformtest", runId, "square", 10)).extracting(p -> p.value())
                .containsExactly(0.0, 1.0, 4.0, 9.0);
        assertThat(client.metric("platformtest", runId, "square", 2)).extracting(p -> p.value())
                .containsExactly(0.0, 1.0);
        assertThat(client.metric("platformtest", runId, "absent", 10)).isEmpty();
        assertThat(client.metricLength("platformtest", runId, "square")).hasValue(4);
        assertThat(client.metricLength("platformtest", runId, "absent")).hasValue(0);
        assertThatThrownBy(() -> client.metricLength("platformtest", UUID.randomUUID(), "square"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.run("platformtest", UUID.randomUUID()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.run("gone", runId))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> client.run("nowhere", runId))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void runsClientQueuesRunsIdempotentlyAndReadsTheirArtifacts() {
        RunsClient client = new RunsClient(new ServicesProperties(Map.of("platformtest", "http://localhost:" + port),
                Duration.ofSeconds(1), Duration.ofSeconds(5)), TestSigning.asService("analytics"));
        String key = "client-key-" + UUID.randomUUID();
        Run created = client.create("platformtest", "countdown", Map.of("steps", 3), Map.of("from", "client"), key);
        assertThat(client.create("platformtest", "countdown", Map.of("steps", 3), Map.of("from", "client"), key).id())
                .isEqualTo(created.id());
        assertThat(created.kind()).isEqualTo("countdown");
        assertThat(created.params().path("steps").asInt()).isEqualTo(3);
        assertThat(created.tags()).containsEntry("from", "client");
        assertThat(created.createdBy()).as("a service's call is signed as that service").isEqualTo("service:analytics");
        awaitStatus(created.id().toString(), "SUCCEEDED");
        assertThat(client.artifacts("platformtest", created.id())).extracting(a -> a.name()).contains("result.json");
        String result = new String(client.artifact("platformtest", created.id(), "result.json"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(HttpJson.parse(result).isObject()).isTrue();
        assertThatThrownBy(() -> client.create("platformtest", "no-such-kind", Map.of(), null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void eventStreamsBeyondTheReplicasCapAre503() throws Exception {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":400,\"stepMillis\":20}}")
                .json().path("id").asString();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        List<java.net.http.HttpResponse<java.io.InputStream>> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(client.send(http.build(http.builder(API + "/runs/" + id + "/events").GET()),
                        java.net.http.HttpResponse.BodyHandlers.ofInputStream()));
                assertThat(open.getLast().statusCode()).isEqualTo(200);
            }
            HttpJson.Response refused = http.get(API + "/runs/" + id + "/events");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        } finally {
            http.post(API + "/runs/" + id + "/cancel", "");
            for (var response : open) {
                response.body().readAllBytes(); // each stream ends with the cancelled run
            }
        }
        // the slots are free again once those streams ended
        http.await(API + "/runs/" + id, run -> run.path("status").asString().equals("CANCELLED"), WAIT);
        HttpJson.Response again = http.send(http.builder(API + "/runs/" + id + "/events").GET());
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void prometheusShowsRunMetricsWithTheApplicationTag() {
        String id = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1}}").json()
                .path("id").asString();
        awaitStatus(id, "SUCCEEDED");
        HttpJson.Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body())
                .contains("runs_finished_total{application=\"platform-test\",kind=\"countdown\",status=\"SUCCEEDED\"}")
                .contains("runs_queue_depth{application=\"platform-test\"}")
                .contains("runs_duration_seconds_bucket{application=\"platform-test\",kind=\"countdown\"")
                .contains("http_server_requests_seconds_bucket{application=\"platform-test\"");
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}

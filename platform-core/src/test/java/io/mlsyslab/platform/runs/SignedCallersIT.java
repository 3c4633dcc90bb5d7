package io.mlsyslab.platform.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import io.mlsyslab.platform.test.TestSigning;
import io.mlsyslab.platform.testapp.TestApplication;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A service believes a caller only with a valid principal signature: a request that bypasses the gateway is 401, a
 * forged {@code X-Lab-Principal} creates nothing, and a writer cancels only its own runs (ARCHITECTURE §8).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:platform-test.properties")
class SignedCallersIT extends PostgresIntegrationTest {

    private static final String API = "/api/platformtest";
    private static final String SLOW_RUN = "{\"kind\":\"countdown\",\"params\":{\"steps\":1000,\"stepMillis\":20}}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    @Test
    void anUnsignedDirectRequestIs401AndASignedOneWorks() {
        HttpJson.Response unsigned = http.unsigned().get(API + "/runs");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.contentType()).startsWith("application/problem+json");
        assertThat(unsigned.json().path("detail").asString()).contains("no principal signature");
        assertThat(unsigned.json().path("requestId").asString()).isNotEmpty();
        assertThat(http.get(API + "/runs").status()).isEqualTo(200);
    }

    @Test
    void aForgedPrincipalWithoutSignatureCreatesNoRunAsMallory() {
        long before = runsBy("mallory");
        HttpJson.Response forged = http.unsigned().post(API + "/runs", "{\"kind\":\"countdown\"}",
                "X-Lab-Principal", "mallory", "X-Lab-Role", "admin");
        assertThat(forged.status()).isEqualTo(401);
        // a signature copied from another request does not cover mallory either
        URI uri = URI.create("http://localhost:" + port + API + "/runs");
        var alices = TestSigning.headers("alice", "writer", "POST", uri);
        HttpJson.Response replayed = http.unsigned().post(API + "/runs", "{\"kind\":\"countdown\"}",
                "X-Lab-Principal", "mallory", "X-Lab-Role", "writer",
                "X-Lab-Signed-At", alices.get("X-Lab-Signed-At"), "X-Lab-Signature", alices.get("X-Lab-Signature"));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().path("detail").asString()).contains("does not match");
        assertThat(runsBy("mallory")).isEqualTo(before);
    }

    @Test
    void aStaleSignatureIs401() {
        URI uri = URI.create("http://localhost:" + port + API + "/runs");
        var stale = TestSigning.headers("alice", "writer", "GET", uri, Instant.now().getEpochSecond() - 120);
        HttpJson.Response response = http.unsigned().send("GET", API + "/runs",
                java.net.http.HttpRequest.BodyPublishers.noBody(), stale.entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().path("detail").asString()).contains("stale");
    }

    @Test
    void probesMetricsAndDocsNeedNoSignatureButOtherActuatorEndpointsDo() {
        HttpJson unsigned = http.unsigned();
        assertThat(unsigned.get("/actuator/health").status()).isEqualTo(200);
        assertThat(unsigned.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(unsigned.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(unsigned.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(unsigned.get("/actuator/metrics").status()).isEqualTo(401);
        // dot segments and path parameters cannot make another path look like a probe
        assertThat(unsigned.get("/actuator/health/..;/metrics").status()).isIn(400, 401);
        assertThat(unsigned.get("/actuator/health/%2e%2e/metrics").status()).isIn(400, 401);
        assertThat(unsigned.send("POST", "/actuator/health", java.net.http.HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(401);
    }

    @Test
    void aWriterCancelsOnlyItsOwnRunsAndAnAdminAnyRun() {
        HttpJson alice = http.as("alice", "writer");
        HttpJson bob = http.as("bob", "writer");
        String alicesRun = alice.post(API + "/runs", SLOW_RUN).json().path("id").asString();

        HttpJson.Response refused = bob.post(API + "/runs/" + alicesRun + "/cancel", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString())
                .contains("created by 'alice'").contains("only its creator or an admin may cancel it");
        assertThat(refused.json().path("owner").asString()).isEqualTo("alice");
        assertThat(http.get(API + "/runs/" + alicesRun).json().path("status").asString()).isNotEqualTo("CANCELLED");

        assertThat(alice.post(API + "/runs/" + alicesRun + "/cancel", "").status()).isEqualTo(200);
        String bobsRun = bob.post(API + "/runs", SLOW_RUN).json().path("id").asString();
        assertThat(http.as("carol", "admin").post(API + "/runs/" + bobsRun + "/cancel", "").status()).isEqualTo(200);
        JsonNode cancelled = http.await(API + "/runs/" + bobsRun,
                run -> run.path("status").asString().equals("CANCELLED"), Duration.ofSeconds(20));
        assertThat(cancelled.path("createdBy").asString()).isEqualTo("bob");
    }

    @Test
    void aRunWithoutRecordedCreatorIsOnlyAnAdminsToCancel() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into runs (id, kind, status, params) values (:id, 'countdown', 'QUEUED', "
                + "'{\"steps\":1000,\"stepMillis\":20}'::jsonb)").param("id", id).update();
        HttpJson.Response refused = http.as("alice", "writer").post(API + "/runs/" + id + "/cancel", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asString()).contains("no recorded creator");
        assertThat(http.post(API + "/runs/" + id + "/cancel", "").status()).isEqualTo(200);
    }

    private long runsBy(String principal) {
        return jdbc.sql("select count(*) from runs where created_by = :p").param("p", principal).query(Long.class)
                .single();
    }
}

package io.mlsyslab.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The network service's synchronous endpoints and run kinds over real HTTP, errors rendered by platform-core. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"mlsyslab.network.fabric.max-hosts=1024",
        "mlsyslab.network.fabric.max-schedule-flows=1000"})
class NetworkApiIT extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    @Test
    void fabricAnalysisComparesPoliciesAndSplittingMatchesSpraying() {
        HttpJson.Response response = http.post("/api/network/fabric/analyze", """
                {"fabric":{"leaves":4,"spines":4,"hostsPerLeaf":4},
                 "traffic":{"collective":"permutation","placement":"random"},
                 "policies":["ecmp","minimal-splitting","spraying"],"ecmpTrials":5}""");
        assertThat(response.status()).isEqualTo(200);
        JsonNode policies = response.json().path("policies");
        assertThat(policies.size()).isEqualTo(3);
        JsonNode splitting = policies.get(1);
        JsonNode spraying = policies.get(2);
        assertThat(splitting.path("policy").asString()).isEqualTo("minimal-splitting");
        assertThat(splitting.path("fabricEqualsSpraying").asBoolean()).isTrue();
        assertThat(splitting.path("fabricMaxCongestionFlows").asString())
                .isEqualTo(spraying.path("fabricMaxCongestionFlows").asString());
        assertThat(policies.get(0).path("fabricMaxCongestionSeconds").asDouble())
                .isGreaterThanOrEqualTo(spraying.path("fabricMaxCongestionSeconds").asDouble());
    }

    @Test
    void badAndOversizedFabricsAreProblemsNamingTheField() {
        HttpJson.Response zero = http.post("/api/network/fabric/analyze",
                "{\"fabric\":{\"leaves\":4,\"spines\":4,\"hostsPerLeaf\":4,\"hostLinkGbps\":0}}");
        // below the spraying-study run kind's range of link speeds (FabricBounds): the same 400 as a run would get
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.contentType()).startsWith("application/problem+json");
        assertThat(zero.json().path("errors").get(0).path("field").asString()).isEqualTo("fabric.hostLinkGbps");

        // the configured limit (1024 hosts in this test) answers 413 before anything is built
        HttpJson.Response big = http.post("/api/network/fabric/analyze",
                "{\"fabric\":{\"leaves\":64,\"spines\":16,\"hostsPerLeaf\":32}}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("errors").get(0).path("field").asString()).startsWith("fabric.");

        // 10 all-to-all events over 16 workers: 240 flows each, 2400 in all, over this test's budget of 1000
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            events.append(i == 0 ? "" : ",").append("{\"timeSeconds\":").append(i)
                    .append(",\"bytesPerWorker\":1e6,\"collective\":\"all-to-all\"}");
        }
        HttpJson.Response heavy = http.post("/api/network/fabric/analyze",
                "{\"fabric\":{\"leaves\":4,\"spines\":4,\"hostsPerLeaf\":4},\"traffic\":{\"schedule\":"
                        + "{\"workers\":16,\"events\":[" + events + "]}}}");
        assertThat(heavy.status()).as(heavy.raw().body()).isEqualTo(413);
        assertThat(heavy.json().path("errors").get(0).path("field").asString()).isEqualTo("traffic.schedule.events");

        HttpJson.Response malformed = http.post("/api/network/fabric/analyze", "{\"fabric\":{\"leaves\":\"many\"}}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wirelessSimulationAnswersPerStackAndRefusesTooMuchWork() {
        HttpJson.Response ok = http.post("/api/network/wireless/simulate",
                "{\"durationSeconds\":2,\"seeds\":2,\"stacks\":[\"L0\",\"X\"]}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw().body()).contains("\"L0\"").contains("\"X\"");

        HttpJson.Response tooMany = http.post("/api/network/wireless/simulate", "{\"seeds\":1000}");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().path("errors").get(0).path("field").asString()).isEqualTo("seeds");
        // beyond the wireless-crosslayer run kind's range (ScenarioBounds), not a work budget: 400
        HttpJson.Response users = http.post("/api/network/wireless/simulate", "{\"users\":1000}");
        assertThat(users.status()).isEqualTo(400);
        assertThat(users.json().path("errors").get(0).path("field").asString()).isEqualTo("users");

        HttpJson.Response snr = http.post("/api/network/wireless/simulate", "{\"meanSnrDb\":80}");
        assertThat(snr.status()).as(snr.raw().body()).isEqualTo(400);
        assertThat(snr.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(snr.json().path("errors").get(0).path("field").asString()).isEqualTo("meanSnrDb");
        HttpJson.Response stack = http.post("/api/network/wireless/simulate", "{\"stacks\":[\"L9\"]}");
        assertThat(stack.status()).isEqualTo(422);
        assertThat(stack.json().path("errors").get(0).path("field").asString()).isEqualTo("stacks");
        HttpJson.Response policy = http.post("/api/network/fabric/analyze", """
                {"fabric":{"leaves":4,"spines":4,"hostsPerLeaf":4},"policies":["ecmp","bogus"]}""");
        assertThat(policy.status()).isEqualTo(422);
        assertThat(policy.json().path("errors").get(0).path("field").asString()).isEqualTo("policies[1]");
    }

    @Test
    void sprayingStudyRunsToAChart() {
        String id = http.post("/api/network/runs", """
                {"kind":"spraying-study","params":{"fabricSizes":[4],"collectives":["permutation"],
                 "placements":["random"],"failedLinks":[0],"messageBytes":[1e6,1e8]}}""").json().path("id").asString();
        JsonNode done = http.await("/api/network/runs/" + id,
                run -> run.path("status").asString().matches("SUCCEEDED|FAILED"), Duration.ofMinutes(1));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(http.get("/api/network/runs/" + id + "/artifacts/chart.svg").raw().body()).startsWith("<svg");
    }

    @Test
    void aSweepOverItsBudgetIsRefusedAtSubmission() {
        HttpJson.Response huge = http.post("/api/network/runs", """
                {"kind":"spraying-study","params":{"fabricSizes":[2,3,4,5],
                 "collectives":["ring-all-reduce","halving-doubling","all-to-all","permutation","double-binary-tree"],
                 "placements":["contiguous","strided","random"],"failedLinks":[0,1,2,2],
                 "messageBytes":[1,2,3,4,5,6,7,8]}}""");
        assertThat(huge.status()).as(huge.raw().body()).isEqualTo(413);
        assertThat(huge.json().path("errors").get(0).path("field").asString()).isEqualTo("params.messageBytes");
        HttpJson.Response unknown = http.post("/api/network/runs", """
                {"kind":"spraying-study","params":{"collectives":["broadcast"]}}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("params.collectives[0]");
        assertThat(unknown.raw().body()).doesNotContain("io.mlsyslab").doesNotContain("java.lang");
        HttpJson.Response stack = http.post("/api/network/runs", """
                {"kind":"wireless-crosslayer","params":{"stacks":["X","Y"]}}""");
        assertThat(stack.status()).isEqualTo(400);
        assertThat(stack.json().path("errors").get(0).path("field").asString()).isEqualTo("params.stacks[1]");
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.mlsyslab.platform.runs.RunKindRegistry registry;

    @Test
    void everyRunKindPublishesItsElementConstraintsInItsSchema() {
        assertThat(io.mlsyslab.platform.test.RunKindSchemas.assertElementConstraintsPublished(registry)).isPositive();
    }
}

package io.mlsyslab.analytics.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import io.mlsyslab.platform.test.SvgRendering;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * run-metric-density over real HTTP: the service reads a metric series of one of its own runs through the
 * service-to-service client, exactly as it would read inference's, and estimates its density.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RunMetricDensityIT extends PostgresIntegrationTest {

    private static final int PORT = freePort();
    private static final String API = "/api/analytics";
    private final HttpJson http = new HttpJson("http://localhost:" + PORT);

    @DynamicPropertySource
    static void selfAsPeer(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("mlsyslab.services.urls.analytics", () -> "http://localhost:" + PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode finished(String id) {
        return http.await(API + "/runs/" + id, run -> run.path("status").asString().matches("SUCCEEDED|FAILED"),
                Duration.ofMinutes(2));
    }

    @Test
    void estimatesTheDensityOfAnotherRunsMetricSeries() {
        String source = http.post(API + "/runs", "{\"kind\":\"kde-regimes\",\"params\":{\"d\":10,\"queries\":40,"
                + "\"replicates\":0,\"gridPoints\":33}}").json().path("id").asString();
        assertThat(finished(source).path("status").asString()).isEqualTo("SUCCEEDED");
        int samples = http.get(API + "/runs/" + source + "/metrics?name=f1").json().path("series").path("f1").size();
        assertThat(samples).isEqualTo(33);

        String id = http.post(API + "/runs", "{\"kind\":\"run-metric-density\",\"params\":{\"service\":\"analytics\","
                + "\"runId\":\"" + source + "\",\"metric\":\"f1\",\"gridPoints\":128}}").json().path("id").asString();
        JsonNode done = finished(id);
        assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode density = done.path("result").path("density");
        assertThat(density.path("samples").asInt()).isEqualTo(samples);
        assertThat(density.path("rule").asString()).isEqualTo("silverman");
        assertThat(density.path("grid").size()).isEqualTo(128);
        assertThat(density.path("min").asDouble()).isLessThanOrEqualTo(density.path("median").asDouble());
        String svg = http.get(API + "/runs/" + id + "/artifacts/chart.svg").raw().body();
        assertThat(svg).startsWith("<svg");
        SvgRendering.Rendered rendered = SvgRendering.renderAndKeep(svg, "run-metric-density");
        assertThat(rendered.outside()).as("texts outside the canvas").isEmpty();
        assertThat(rendered.overlaps()).as("overlapping texts").isEmpty();
    }

    @Test
    void aMissingRunOrSeriesIsRefusedAtSubmission() {
        UUID missing = UUID.randomUUID();
        HttpJson.Response noRun = http.post(API + "/runs", "{\"kind\":\"run-metric-density\",\"params\":"
                + "{\"service\":\"analytics\",\"runId\":\"" + missing + "\",\"metric\":\"f1\"}}");
        assertThat(noRun.status()).isEqualTo(404);
        assertThat(noRun.contentType()).startsWith("application/problem+json");
        assertThat(noRun.json().path("detail").asString()).contains(missing.toString());

        String source = http.post(API + "/runs", "{\"kind\":\"kde-regimes\",\"params\":{\"d\":10,\"queries\":40,"
                + "\"replicates\":0,\"gridPoints\":33}}").json().path("id").asString();
        assertThat(finished(source).path("status").asString()).isEqualTo("SUCCEEDED");
        HttpJson.Response noSeries = http.post(API + "/runs", "{\"kind\":\"run-metric-density\",\"params\":"
                + "{\"service\":\"analytics\",\"runId\":\"" + source + "\",\"metric\":\"no.such.metric\"}}");
        assertThat(noSeries.status()).isEqualTo(422);
        assertThat(noSeries.json().path("errors").get(0).path("field").asString()).isEqualTo("params.metric");
        // nothing was queued for either
        java.util.List<String> sources = new java.util.ArrayList<>();
        http.get(API + "/runs?kind=run-metric-density").json().path("runs")
                .forEach(run -> sources.add(run.path("params").path("runId").asString()));
        assertThat(sources).doesNotContain(missing.toString(), source);
    }

    @Test
    void badParamsAreRefusedAtCreationNamingTheField() {
        HttpJson.Response service = http.post(API + "/runs", "{\"kind\":\"run-metric-density\",\"params\":"
                + "{\"service\":\"billing\",\"runId\":\"" + UUID.randomUUID() + "\",\"metric\":\"x\"}}");
        assertThat(service.status()).isEqualTo(400);
        assertThat(service.json().path("errors").get(0).path("field").asString()).isEqualTo("params.service");

        HttpJson.Response rule = http.post(API + "/runs", "{\"kind\":\"run-metric-density\",\"params\":"
                + "{\"service\":\"analytics\",\"runId\":\"" + UUID.randomUUID() + "\",\"metric\":\"x\","
                + "\"bandwidth\":\"magic\"}}");
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.json().path("errors").get(0).path("field").asString()).isEqualTo("params.bandwidth");

        HttpJson.Response runId = http.post(API + "/runs", "{\"kind\":\"run-metric-density\",\"params\":"
                + "{\"service\":\"analytics\",\"runId\":\"not-a-uuid\",\"metric\":\"x\"}}");
        assertThat(runId.status()).isEqualTo(400);
        assertThat(runId.json().path("errors").get(0).path("field").asString()).isEqualTo("params.runId");
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.mlsyslab.platform.runs.RunKindRegistry registry;

    @Test
    void everyRunKindPublishesItsElementConstraintsInItsSchema() {
        assertThat(io.mlsyslab.platform.test.RunKindSchemas.assertElementConstraintsPublished(registry)).isPositive();
    }
}

package io.mlsyslab.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every service must do once wired to platform-core: start against PostgreSQL with its own migrated schema,
 * report healthy, publish its run kinds, metrics with its application tag, OpenAPI docs, and answer unknown routes
 * with problem+json.
 */
public abstract class ServiceSmokeIT extends PostgresIntegrationTest {

    private final String service;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    protected HttpJson http;

    protected ServiceSmokeIT(String service) {
        this.service = service;
    }

    @BeforeEach
    void client() {
        http = new HttpJson("http://localhost:" + port);
    }

    @Test
    void startsHealthyWithItsOwnSchema() {
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        String schema = jdbc.sql("select current_schema()").query(String.class).single();
        assertThat(schema).isEqualTo(service);
        Integer tables = jdbc.sql("select count(*) from information_schema.tables where table_schema = :s "
                + "and table_name in ('runs', 'run_metrics', 'run_artifacts')").param("s", service)
                .query(Integer.class).single();
        assertThat(tables).isEqualTo(3);
    }

    @Test
    void publishesRunKindsMetricsAndDocs() {
        HttpJson.Response kinds = http.get("/api/" + service + "/run-kinds");
        assertThat(kinds.status()).isEqualTo(200);
        assertThat(kinds.json().path("kinds").isArray()).isTrue();
        kinds.json().path("kinds").forEach(kind -> {
            assertThat(kind.path("paramsSchema").path("type").asString()).isEqualTo("object");
            assertThat(kind.path("defaults").isObject()).isTrue();
        });
        assertThat(http.get("/actuator/prometheus").raw().body()).contains("application=\"" + service + "\"");
        HttpJson.Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/" + service + "/runs")).isTrue();
        assertThat(docs.json().path("components").path("securitySchemes").path("apiKey").path("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void echoesTheGatewaysRequestIdOrMakesOne() {
        HttpJson.Response given = http.send(http.builder("/api/" + service + "/run-kinds")
                .header("X-Request-Id", "req-42").GET());
        assertThat(given.header("X-Request-Id")).isEqualTo("req-42");
        HttpJson.Response fresh = http.send(http.builder("/api/" + service + "/run-kinds")
                .header("X-Request-Id", "bad id with spaces").GET());
        assertThat(fresh.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void unknownRoutesAreProblemJson() {
        HttpJson.Response missing = http.get("/api/" + service + "/no-such-route");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }
}

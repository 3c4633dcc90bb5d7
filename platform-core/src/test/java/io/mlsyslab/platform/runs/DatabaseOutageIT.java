package io.mlsyslab.platform.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.testapp.TestApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The runs API while its PostgreSQL is gone: every endpoint that reads or writes the database answers 503
 * problem+json with {@code Retry-After}, never a 500. The service runs against a PostgreSQL of its own, which the
 * test stops, so the shared server of the other integration tests is untouched; the context is closed afterwards.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:platform-test.properties",
        // a dead database must fail a request within a second, not after Hikari's 30 s default
        properties = {"spring.datasource.hikari.connection-timeout=500",
                "spring.datasource.hikari.validation-timeout=250"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIT {

    private static final String API = "/api/platformtest";
    private static final EmbeddedPostgres OWN = start();

    @LocalServerPort
    int port;

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start this test's own PostgreSQL", e);
        }
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + OWN.getPort() + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        io.mlsyslab.platform.test.TestSigning.register(registry); // services refuse to start without a secret
    }

    @AfterAll
    static void closeQuietly() throws IOException {
        OWN.close(); // idempotent: the test already stopped it
    }

    @Test
    void everyDatabaseEndpointIs503WithRetryAfterWhileTheDatabaseIsDown() throws IOException {
        HttpJson http = new HttpJson("http://localhost:" + port);
        HttpJson.Response created = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().path("id").asString();

        OWN.close();

        HttpJson.Response[] answers = {
                http.get(API + "/runs"),
                http.get(API + "/runs?tag=a:b"),
                http.get(API + "/runs/" + id),
                http.get(API + "/runs/" + id + "/metrics"),
                http.get(API + "/runs/" + id + "/artifacts"),
                http.get(API + "/runs/" + id + "/artifacts/result.json"),
                http.get(API + "/runs/" + id + "/events"),
                http.post(API + "/runs/" + id + "/cancel", ""),
                http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1}}"),
                http.post(API + "/runs", "{\"kind\":\"countdown\"}", "Idempotency-Key", "outage-1")};
        for (HttpJson.Response answer : answers) {
            String what = answer.raw().request().method() + " " + answer.raw().uri() + "\n" + answer.raw().body();
            assertThat(answer.status()).as(what).isEqualTo(503);
            assertThat(answer.header("Retry-After")).as(what).isEqualTo("5");
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.json().path("title").asString()).as(what).isEqualTo("Database unavailable");
            assertThat(answer.raw().body()).as(what)
                    .doesNotContainPattern("java\\.|org\\.|Exception|Hikari|JDBC|PSQL|postgres");
        }
        // what needs no database still answers
        assertThat(http.get(API + "/run-kinds").status()).isEqualTo(200);
    }
}

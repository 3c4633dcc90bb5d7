package io.mlsyslab.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.platform.test.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform migrations of the five services (each in its own schema, as the services run them) against a real
 * PostgreSQL, then every SQL of the Experiment runs dashboard as the read-only role mlsyslab_grafana.
 */
class GrafanaSqlIT {

    static final List<String> SERVICES = List.of("storage", "inference", "training", "network", "analytics");
    static final String DB = "grafana_sql_it";
    static final UUID RUN = UUID.randomUUID();

    static String url(String database) {
        return "jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + database;
    }

    static Connection as(String user, String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, user);
    }

    static void migrate(String database, String user, String schema) {
        Flyway.configure().dataSource(url(database), user, user).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/platform").load().migrate();
    }

    @BeforeAll
    static void migrateEveryServiceAtOnceAndSeedOneRun() throws Exception {
        try (Connection c = as("postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
            s.execute("CREATE DATABASE " + DB);
        }
        // the five services start together: the role is created once, every schema granted
        try (ExecutorService pool = Executors.newFixedThreadPool(SERVICES.size())) {
            List<Future<?>> runs = SERVICES.stream()
                    .map(schema -> pool.submit(() -> migrate(DB, "postgres", schema))).<Future<?>>map(f -> f).toList();
            for (Future<?> run : runs) {
                run.get();
            }
        }
        try (Connection c = as("postgres", DB); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE mlsyslab_grafana LOGIN PASSWORD 'mlsyslab_grafana'");
            s.execute("INSERT INTO analytics.runs (id, kind, status, params, attempt, created_at, started_at, finished_at)"
                    + " VALUES ('" + RUN + "', 'kde-regimes', 'SUCCEEDED', '{}', 1, now() - interval '2 minutes',"
                    + " now() - interval '90 seconds', now() - interval '60 seconds')");
            s.execute("INSERT INTO network.runs (id, kind, status, params) VALUES ('" + UUID.randomUUID()
                    + "', 'spraying-study', 'QUEUED', '{}')");
            for (int step = 0; step < 5; step++) {
                s.execute("INSERT INTO analytics.run_metrics (run_id, name, step, value) VALUES ('" + RUN
                        + "', 'f1', " + step + ", " + (0.1 * step) + ")");
            }
            // a table of a later service migration (V100+) is readable too: default privileges
            s.execute("CREATE TABLE storage.pages_it (id int)");
            s.execute("CREATE TABLE public.not_for_grafana (id int)");
        }
    }

    /** Grafana's macros and variables as the server would expand them for this run. */
    static String expand(String sql) {
        return sql.replaceAll("\\$__timeFilter\\(([a-z_]+)\\)",
                        "$1 BETWEEN now() - interval '1 day' AND now() + interval '1 hour'")
                .replace("${service}", "analytics").replace("${run_id}", RUN.toString())
                .replace("${metric:sqlstring}", "'f1'");
    }

    @Test
    void everySqlPanelAndVariableReturnsRowsAsTheReadOnlyRole() throws SQLException {
        List<Queries.Query> queries = Queries.sql();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        try (Connection c = as("mlsyslab_grafana", DB); Statement s = c.createStatement()) {
            for (Queries.Query q : queries) {
                String sql = expand(q.text());
                assertThat(sql).as(q.where()).doesNotContain("$");
                try (ResultSet rs = s.executeQuery(sql)) {
                    assertThat(rs.next()).as(q.where() + " returns rows:\n" + sql).isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM storage.pages_it")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void theReaderCannotWriteNorReadOutsideTheServiceSchemas() throws SQLException {
        try (Connection c = as("mlsyslab_grafana", DB); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DELETE FROM analytics.runs")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("INSERT INTO analytics.run_metrics (run_id, name, step, value) VALUES ('"
                    + RUN + "', 'x', 0, 0)")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM public.not_for_grafana"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void theMigrationIsANoticeWhereTheServiceUserMayNotCreateRoles() throws Exception {
        String db = "grafana_sql_it_plain";
        try (Connection c = as("postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain_service') THEN "
                    + "CREATE ROLE plain_service LOGIN PASSWORD 'plain_service'; END IF; END $$");
            s.execute("CREATE DATABASE " + db + " OWNER plain_service");
            // a cluster where no one created the reader: rename ours away for the duration of this test
            s.execute("ALTER ROLE mlsyslab_grafana RENAME TO mlsyslab_grafana_kept");
        }
        try {
            migrate(db, "plain_service", "network");
            try (Connection c = as("plain_service", db); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = 'mlsyslab_grafana'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        } finally {
            try (Connection c = as("postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE mlsyslab_grafana_kept RENAME TO mlsyslab_grafana");
            }
        }
    }

    @Test
    void theMigrationCanRunAgain() throws Exception {
        String script = new String(GrafanaSqlIT.class.getResourceAsStream("/db/platform/V3__grafana_reader.sql")
                .readAllBytes(), StandardCharsets.UTF_8).replace("${flyway:defaultSchema}", "analytics");
        try (Connection c = as("postgres", DB); Statement s = c.createStatement()) {
            s.execute(script);
            s.execute(script);
        }
    }
}

package io.mlsyslab.lab;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The lab's PostgreSQL 17: real server binaries from Maven Central, data kept in {@code LAB_HOME/pgdata} so runs
 * survive restarts, listening on loopback only.
 */
final class Database implements AutoCloseable {

    static final String NAME = "mlsyslab";

    private final EmbeddedPostgres server;

    private Database(EmbeddedPostgres server) {
        this.server = server;
    }

    static Database start(LabConfig config) throws IOException, SQLException {
        Path data = config.home().resolve("pgdata");
        Files.createDirectories(data.getParent());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(config.postgresPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(config.logs().resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(config.logs().resolve("postgres.log").toFile()))
                .start();
        Database database = new Database(server);
        database.ensureDatabase();
        return database;
    }

    private void ensureDatabase() throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + NAME + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + NAME);
                }
            }
        }
    }

    int port() {
        return server.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + NAME;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

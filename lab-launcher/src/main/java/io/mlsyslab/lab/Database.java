package io.mlsyslab.lab;

import io.mlsyslab.lab.supervisor.Incarnation;
import io.mlsyslab.lab.supervisor.SupervisedChild;
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
 * survive restarts, listening on loopback only. Every start uses the same data directory and port, so a server
 * started again after a crash replays its WAL (every acknowledged commit is there) and the apps' pools find it where
 * they left it.
 */
final class Database implements SupervisedChild {

    static final String NAME = "mlsyslab";
    /** The child's name in the supervisor and in {@code ./lab status}. */
    static final String CHILD = "postgres";

    private final LabConfig config;
    private volatile EmbeddedPostgres server;

    Database(LabConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return CHILD;
    }

    /**
     * Starts the server and returns its postmaster, which pg_ctl detaches: the launcher sees it exit (and a restart
     * follows) but not its exit code.
     */
    @Override
    public Incarnation start() throws IOException, SQLException {
        Path data = dataDirectory();
        Files.createDirectories(data.getParent());
        EmbeddedPostgres previous = server;
        if (previous != null) {
            // after a crash this only releases the data directory's lock: pg_ctl finds no server to stop (and the
            // library logs that), and the next pg_ctl start clears the dead postmaster's pid file
            previous.close();
            server = null;
        }
        server = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(config.postgresPort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // the library's defaults suit throw-away test databases: commits acknowledged before their WAL is
                // written (lost to a kill -9) and no fsync (lost to a power cut); this one holds the lab's runs
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        ensureDatabase();
        long pid = postmasterPid();
        return Incarnation.of(ProcessHandle.of(pid).orElseThrow(() -> new IOException(
                "PostgreSQL's postmaster (pid " + pid + ") is gone right after its start; see " + log())));
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid}, which the server writes as it starts. */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory().resolve("postmaster.pid")).getFirst().trim());
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

    private Path dataDirectory() {
        return config.home().resolve("pgdata");
    }

    Path log() {
        return config.logs().resolve("postgres.log");
    }

    int port() {
        return config.postgresPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + NAME;
    }

    /** pg_ctl stop, fast mode: open transactions roll back, committed ones are on disk. */
    @Override
    public void stop() {
        EmbeddedPostgres running = server;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                System.err.println("lab: stopping PostgreSQL failed: " + e.getMessage());
            }
        }
    }
}

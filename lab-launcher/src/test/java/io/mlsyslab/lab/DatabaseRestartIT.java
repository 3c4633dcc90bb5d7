package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.lab.supervisor.ChildState;
import io.mlsyslab.lab.supervisor.RestartPolicy;
import io.mlsyslab.lab.supervisor.SupervisionEvent;
import io.mlsyslab.lab.supervisor.Supervisor;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's real PostgreSQL under the supervisor: its postmaster killed with SIGKILL comes back on the same port and
 * data directory, and a row committed before the kill is still there (WAL replay).
 */
class DatabaseRestartIT {

    @TempDir
    Path home;

    private final List<SupervisionEvent> events = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;
    private Database database;

    @BeforeEach
    void startPostgres() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LabConfig config = new LabConfig(Path.of("."), home, port, 0, Map.of(), "unused", Duration.ofMinutes(1),
                List.of(), Map.of(), HeapSettings.DEFAULT);
        java.nio.file.Files.createDirectories(config.logs());
        database = new Database(config);
        supervisor = new Supervisor(RestartPolicy.standard(), Clock.systemUTC(), events::add);
        supervisor.supervise(database);
    }

    @AfterEach
    void stopPostgres() {
        supervisor.shutdown();
        supervisor.stop(Database.CHILD);
        supervisor.close();
    }

    @Test
    void killedPostgresIsRestartedOnItsPortWithItsCommittedData() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // a commit is acknowledged only once its WAL is written (and flushed): nothing acknowledged is lost
            assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(s, "fsync")).isEqualTo("on");
            s.execute("create table survivors (name text)");
            s.execute("insert into survivors values ('committed before the kill')"); // autocommit: acknowledged
        }
        long firstPid = supervisor.status(Database.CHILD).pid();
        assertThat(firstPid).isEqualTo(database.postmasterPid());

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

        await(() -> events.stream().anyMatch(SupervisionEvent.Restarted.class::isInstance));
        var status = supervisor.status(Database.CHILD);
        assertThat(status.state()).isEqualTo(ChildState.RUNNING);
        assertThat(status.restarts()).isEqualTo(1);
        assertThat(status.pid()).isNotEqualTo(firstPid).isEqualTo(database.postmasterPid());
        assertThat(events).filteredOn(SupervisionEvent.Crashed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.describe()).contains("postgres exited unexpectedly", "exit code unknown"));
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select name from survivors")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the kill");
        }
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 90 s");
            }
            Thread.sleep(100);
        }
    }
}

package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.lab.supervisor.ChildState;
import io.mlsyslab.lab.supervisor.ChildStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the running launcher writes to LAB_HOME/lab.state is what {@code ./lab status} in another terminal shows. */
class LabStateTest {

    @TempDir
    Path home;

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void everyChildsSupervisionSurvivesTheStateFileAndShowsInTheStatusTable() throws Exception {
        List<ChildEntry> written = List.of(
                new ChildEntry(new ChildStatus("postgres", ChildState.RUNNING, 4242, 1, OptionalInt.empty(),
                        NOW.minus(Duration.ofMinutes(12).plusSeconds(3))), 54329, "-"),
                new ChildEntry(new ChildStatus("analytics", ChildState.RESTARTING, -1, 2, OptionalInt.of(137),
                        NOW.minusSeconds(1)), 8085, "1966m"),
                new ChildEntry(new ChildStatus("training", ChildState.FAILED, -1, 5, OptionalInt.of(1),
                        NOW.minusSeconds(30)), 8083, "3932m"),
                new ChildEntry(new ChildStatus("gateway", ChildState.RUNNING, 4300, 0, OptionalInt.empty(),
                        NOW.minusSeconds(45)), 8080, "983m"));
        Properties state = new Properties();
        state.setProperty("lab.pid", Long.toString(ProcessHandle.current().pid()));
        state.setProperty("lab.started", ProcessHandle.current().info().startInstant().orElseThrow().toString());
        ChildEntry.putAll(state, written);
        LabState.write(home, state);

        Properties read = LabState.read(home).orElseThrow();
        List<ChildEntry> entries = ChildEntry.readAll(read);
        assertThat(entries).isEqualTo(written);
        assertThat(Files.readString(home.resolve("lab.state"))).contains("child.analytics.state=RESTARTING",
                "child.analytics.exitCode=137", "child.training.restarts=5");

        List<String> table = StatusTable.lines(entries, NOW, e -> "healthy");
        assertThat(table.getFirst()).contains("CHILD", "STATE", "PID", "RESTARTS", "LAST EXIT", "UPTIME", "HEAP");
        assertThat(table.get(1).split("\\s+")).containsExactly("", "postgres", "RUNNING", "4242", "1", "-",
                "12m03s", "54329", "-", "healthy");
        assertThat(table.get(2).split("\\s+")).containsExactly("", "analytics", "RESTARTING", "-", "2", "137", "-",
                "8085", "1966m", "-");
        assertThat(table.get(3).split("\\s+")).containsExactly("", "training", "FAILED", "-", "5", "1", "-", "8083",
                "3932m", "-");
        assertThat(table.get(4).split("\\s+")).containsExactly("", "gateway", "RUNNING", "4300", "0", "-", "45s",
                "8080", "983m", "healthy");
    }

    @Test
    void aStateFileOfADeadLauncherIsNoRunningLab() throws Exception {
        Properties state = new Properties();
        state.setProperty("lab.pid", "999999999");
        LabState.write(home, state);
        assertThat(LabState.read(home)).isEmpty();
    }

    @Test
    void uptimesReadAtAGlance() {
        assertThat(StatusTable.duration(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(StatusTable.duration(Duration.ofSeconds(3 * 3600 + 7 * 60 + 5))).isEqualTo("3h07m");
    }
}

package io.mlsyslab.lab.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor with real child processes ({@code sleep}, {@code sh -c 'exit 3'}) killed with SIGKILL as a crash
 * would. Assertions wait for events and states (generous deadlines), never for durations; the backoffs asserted are
 * the delays the supervisor chose, not times measured.
 */
class SupervisorTest {

    /** Short backoffs so a crash loop ends in well under a second; a window no test outlives. */
    private static final RestartPolicy FAST = new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofHours(1), 4, Duration.ofHours(1));
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final List<SupervisionEvent> events = new CopyOnWriteArrayList<>();
    private Supervisor supervisor = new Supervisor(FAST, Clock.systemUTC(), events::add);
    private final List<String> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        supervisor.shutdown();
        for (ChildStatus child : supervisor.statuses()) {
            supervisor.stop(child.name());
        }
        supervisor.close();
    }

    private void supervise(SupervisedChild child) throws Exception {
        supervisor.supervise(child);
        started.add(child.name());
    }

    @Test
    void childKilledWithSigkillIsRestartedAsANewProcess() throws Exception {
        supervise(ShellChild.sleeper("app"));
        long firstPid = supervisor.status("app").pid();
        assertThat(supervisor.status("app").state()).isEqualTo(ChildState.RUNNING);

        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

        await(() -> events.stream().anyMatch(SupervisionEvent.Restarted.class::isInstance));
        ChildStatus status = supervisor.status("app");
        assertThat(status.pid()).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(status.pid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(status.lastExitCode()).hasValue(137); // 128 + SIGKILL
        assertThat(events).filteredOn(SupervisionEvent.Crashed.class::isInstance).singleElement()
                .satisfies(e -> {
                    SupervisionEvent.Crashed crash = (SupervisionEvent.Crashed) e;
                    assertThat(crash.exitCode()).hasValue(137);
                    assertThat(crash.attempt()).isEqualTo(1);
                    assertThat(crash.describe()).contains("app exited unexpectedly", "exit code 137", "restart 1");
                });
        assertThat(events).contains(new SupervisionEvent.Restarted("app", status.pid(), 1));
    }

    @Test
    void backoffDoublesToItsCapAndACrashLoopEndsInFailedWhileOthersRunOn() throws Exception {
        supervise(ShellChild.sleeper("steady"));
        long steadyPid = supervisor.status("steady").pid();
        ShellChild crasher = ShellChild.exitingWith("crasher", 3);
        supervise(crasher);

        awaitGivenUp("crasher");

        List<SupervisionEvent.Crashed> crashes = crashesOf("crasher");
        assertThat(crashes).extracting(SupervisionEvent.Crashed::restartIn).containsExactly(Duration.ofMillis(10),
                Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(40));
        assertThat(crashes).extracting(SupervisionEvent.Crashed::attempt).containsExactly(1, 2, 3, 4);
        assertThat(crashes).allSatisfy(c -> assertThat(c.exitCode()).hasValue(3));
        assertThat(events).filteredOn(SupervisionEvent.GaveUp.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.describe()).contains("crasher", "exit code 3", "4 restarts",
                        "GIVING UP"));
        assertThat(crasher.starts()).isEqualTo(5); // the first start and four restarts, then nothing
        ChildStatus failed = supervisor.status("crasher");
        assertThat(failed.restarts()).isEqualTo(4);
        assertThat(failed.pid()).isEqualTo(-1);
        assertThat(failed.lastExitCode()).hasValue(3);

        ChildStatus steady = supervisor.status("steady");
        assertThat(steady.state()).isEqualTo(ChildState.RUNNING);
        assertThat(steady.pid()).isEqualTo(steadyPid);
        assertThat(steady.restarts()).isZero();
    }

    @Test
    void aChildThatStayedUpLongEnoughStartsTheBackoffOver() throws Exception {
        supervisor.close();
        // every incarnation counts as healthy at once: each crash is the first in a row
        supervisor = new Supervisor(new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ZERO, 3,
                Duration.ofHours(1)), Clock.systemUTC(), events::add);
        supervise(ShellChild.exitingWith("crasher", 1));

        awaitGivenUp("crasher");
        assertThat(crashesOf("crasher")).extracting(SupervisionEvent.Crashed::restartIn)
                .containsOnly(Duration.ofMillis(10)).hasSize(3);
    }

    @Test
    void aFailingRestartCountsAsACrash() throws Exception {
        // the first start runs; every later one throws (e.g. a jar deleted under a running lab)
        ShellChild child = new ShellChild("app", n -> n == 1 ? List.of("sleep", "600") : List.of());
        supervise(child);

        ProcessHandle.of(supervisor.status("app").pid()).orElseThrow().destroyForcibly();

        awaitGivenUp("app");
        assertThat(crashesOf("app")).hasSize(4);
        assertThat(crashesOf("app").subList(1, 4)).allSatisfy(c -> {
            assertThat(c.reason()).startsWith("failed to start: no command for start");
            assertThat(c.exitCode()).isEmpty();
        });
    }

    @Test
    void aPlannedStopIsNoCrashAndAStartByHandRunsItAgain() throws Exception {
        supervise(ShellChild.sleeper("app"));
        ProcessHandle first = ProcessHandle.of(supervisor.status("app").pid()).orElseThrow();

        supervisor.stop("app");

        assertThat(first.isAlive()).isFalse();
        assertThat(supervisor.status("app").state()).isEqualTo(ChildState.STOPPED);
        assertThat(supervisor.status("app").pid()).isEqualTo(-1);
        assertThat(events).last().isEqualTo(new SupervisionEvent.Stopped("app"));
        assertThat(events).noneMatch(SupervisionEvent.Crashed.class::isInstance);

        supervisor.start("app");
        ChildStatus again = supervisor.status("app");
        assertThat(again.state()).isEqualTo(ChildState.RUNNING);
        assertThat(again.restarts()).isZero();
        assertThatThrownBy(() -> supervisor.start("app")).hasMessageContaining("already running");
    }

    @Test
    void onceTheLabShutsDownAnExitIsNoCrash() throws Exception {
        supervise(ShellChild.sleeper("app"));
        long pid = supervisor.status("app").pid();

        // Ctrl-C reaches the children as it reaches the launcher, before the launcher stops them one by one
        supervisor.shutdown();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await(() -> supervisor.status("app").state() == ChildState.STOPPED);
        assertThat(supervisor.status("app").lastExitCode()).hasValue(137);
        assertThat(events).noneMatch(e -> e instanceof SupervisionEvent.Crashed
                || e instanceof SupervisionEvent.Restarted);
    }

    @Test
    void aChildIsSupervisedOnceAndUnknownNamesAreRefused() throws Exception {
        supervise(ShellChild.sleeper("app"));
        assertThatThrownBy(() -> supervisor.supervise(ShellChild.sleeper("app")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> supervisor.status("nope")).hasMessageContaining("children: [app]");
    }

    private List<SupervisionEvent.Crashed> crashesOf(String child) {
        return events.stream().filter(SupervisionEvent.Crashed.class::isInstance)
                .map(SupervisionEvent.Crashed.class::cast).filter(c -> c.child().equals(child)).toList();
    }

    /** The GaveUp event is the supervisor's last word on a child: every crash before it has been reported. */
    private void awaitGivenUp(String child) throws InterruptedException {
        await(() -> events.stream().anyMatch(e -> e instanceof SupervisionEvent.GaveUp && e.child().equals(child)));
        assertThat(supervisor.status(child).state()).isEqualTo(ChildState.FAILED);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + DEADLINE);
            }
            Thread.sleep(20);
        }
    }
}

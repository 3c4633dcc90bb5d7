package io.mlsyslab.lab;

import io.mlsyslab.lab.supervisor.ChildState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** {@code ./lab status}'s table: one line per child, from the state file plus a health probe per line. */
final class StatusTable {

    private static final String FORMAT = "  %-10s %-10s %-8s %-8s %-9s %-9s %-6s %-6s %s";

    private StatusTable() {}

    /**
     * @param health the answer of the child's readiness probe (asked only of RUNNING children)
     */
    static List<String> lines(List<ChildEntry> entries, Instant now, Function<ChildEntry, String> health) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, FORMAT, "CHILD", "STATE", "PID", "RESTARTS", "LAST EXIT", "UPTIME",
                "PORT", "HEAP", "HEALTH").stripTrailing());
        for (ChildEntry entry : entries) {
            var s = entry.status();
            boolean running = s.state() == ChildState.RUNNING;
            lines.add(String.format(Locale.ROOT, FORMAT, s.name(), s.state(), running ? Long.toString(s.pid()) : "-",
                    s.restarts(), s.lastExitCode().isPresent() ? Integer.toString(s.lastExitCode().getAsInt()) : "-",
                    running ? duration(s.timeInState(now)) : "-", entry.port(), entry.heap(),
                    running ? health.apply(entry) : "-").stripTrailing());
        }
        return lines;
    }

    /** 45s, 12m03s, 3h07m: enough to tell a fresh restart from a long run. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}

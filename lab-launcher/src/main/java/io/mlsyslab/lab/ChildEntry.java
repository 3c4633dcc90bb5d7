package io.mlsyslab.lab;

import io.mlsyslab.lab.supervisor.ChildState;
import io.mlsyslab.lab.supervisor.ChildStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * One child's line in the state file ({@code child.<name>.*}), which the running launcher rewrites at every start,
 * crash and restart so {@code ./lab status} in another terminal shows what the supervisor knows.
 *
 * @param port where the child listens
 * @param heap its -Xmx, or {@code -} for PostgreSQL (outside the Java heaps)
 */
record ChildEntry(ChildStatus status, int port, String heap) {

    private static final String CHILDREN = "children";

    static void putAll(Properties state, List<ChildEntry> entries) {
        List<String> names = new ArrayList<>();
        for (ChildEntry entry : entries) {
            ChildStatus s = entry.status();
            String key = "child." + s.name() + ".";
            names.add(s.name());
            state.setProperty(key + "state", s.state().name());
            state.setProperty(key + "pid", Long.toString(s.pid()));
            state.setProperty(key + "restarts", Integer.toString(s.restarts()));
            state.setProperty(key + "exitCode", s.lastExitCode().isPresent()
                    ? Integer.toString(s.lastExitCode().getAsInt()) : "");
            state.setProperty(key + "since", s.since().toString());
            state.setProperty(key + "port", Integer.toString(entry.port()));
            state.setProperty(key + "heap", entry.heap());
        }
        state.setProperty(CHILDREN, String.join(",", names));
    }

    /** The entries in the order they were written; none for a state file of a launcher without supervision. */
    static List<ChildEntry> readAll(Properties state) {
        String children = state.getProperty(CHILDREN, "");
        List<ChildEntry> entries = new ArrayList<>();
        for (String name : children.isBlank() ? new String[0] : children.split(",")) {
            String key = "child." + name + ".";
            String exitCode = state.getProperty(key + "exitCode", "");
            entries.add(new ChildEntry(new ChildStatus(name,
                    ChildState.valueOf(state.getProperty(key + "state")),
                    Long.parseLong(state.getProperty(key + "pid", "-1")),
                    Integer.parseInt(state.getProperty(key + "restarts", "0")),
                    exitCode.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(exitCode)),
                    Instant.parse(state.getProperty(key + "since"))),
                    Integer.parseInt(state.getProperty(key + "port", "-1")),
                    state.getProperty(key + "heap", "-")));
        }
        return entries;
    }
}

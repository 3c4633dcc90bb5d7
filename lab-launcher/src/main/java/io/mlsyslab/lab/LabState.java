package io.mlsyslab.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** {@code LAB_HOME/lab.state}: pids and ports of a running lab, for {@code ./lab status} and {@code ./lab down}. */
final class LabState {

    private static final String FILE = "lab.state";

    private LabState() {}

    static void write(Path home, Properties state) throws IOException {
        Path tmp = home.resolve(FILE + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            state.store(out, "written by ./lab up; removed when it stops");
        }
        Files.move(tmp, home.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state of a lab whose process is still alive; a state file left by a crashed lab counts as none. */
    static Optional<Properties> read(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            state.load(in);
        }
        long pid = Long.parseLong(state.getProperty("lab.pid", "-1"));
        String started = state.getProperty("lab.started", "");
        // a pid alone may have been reused by another process since a crash or reboot: its start time tells
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(Object::toString).orElse("").equals(started))
                .map(p -> state);
    }

    static void clear(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE));
        } catch (IOException ignored) {
            // a stale file is recognised by its dead pid
        }
    }
}

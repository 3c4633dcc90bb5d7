package io.mlsyslab.lab.supervisor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real child process for the supervisor's tests: the n-th start (1, 2, ...) runs {@code commandOfStart.apply(n)}. */
final class ShellChild implements SupervisedChild {

    private final String name;
    private final IntFunction<List<String>> commandOfStart;
    private final AtomicInteger starts = new AtomicInteger();
    private volatile Process process;

    ShellChild(String name, IntFunction<List<String>> commandOfStart) {
        this.name = name;
        this.commandOfStart = commandOfStart;
    }

    /** A child that runs until it is killed. */
    static ShellChild sleeper(String name) {
        return new ShellChild(name, n -> List.of("sleep", "600"));
    }

    /** A child that exits with {@code code} at once, every time. */
    static ShellChild exitingWith(String name, int code) {
        return new ShellChild(name, n -> List.of("sh", "-c", "exit " + code));
    }

    @Override
    public String name() {
        return name;
    }

    int starts() {
        return starts.get();
    }

    @Override
    public Incarnation start() throws Exception {
        List<String> command = commandOfStart.apply(starts.incrementAndGet());
        if (command.isEmpty()) {
            throw new IllegalStateException("no command for start " + starts.get());
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return Incarnation.of(process);
    }

    @Override
    public void stop() {
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

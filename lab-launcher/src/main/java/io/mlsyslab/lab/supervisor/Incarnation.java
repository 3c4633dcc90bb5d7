package io.mlsyslab.lab.supervisor;

import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;

/**
 * One run of a child, from its start to its exit.
 *
 * @param pid the operating system's process id
 * @param exit completes when the process is gone, with its exit code where the supervisor can know it (a process
 *     that is not the launcher's own child, like the PostgreSQL server that pg_ctl detaches, has none)
 */
public record Incarnation(long pid, CompletionStage<OptionalInt> exit) {

    /** The incarnation of a process the launcher started itself, whose exit code it learns. */
    public static Incarnation of(Process process) {
        return new Incarnation(process.pid(), process.onExit().thenApply(p -> OptionalInt.of(p.exitValue())));
    }

    /** A process started by someone else (e.g. detached by pg_ctl): its exit is seen, its exit code is not. */
    public static Incarnation of(ProcessHandle process) {
        return new Incarnation(process.pid(), process.onExit().thenApply(p -> OptionalInt.empty()));
    }
}

package io.mlsyslab.training.distributed;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts worker processes on this machine: the same jar ({@code java -jar <jar> --worker --coordinator=<url>})
 * when this JVM was started with {@code -jar}, the same Spring Boot launcher and class path when it was started
 * from an extracted jar (the container's {@code JarLauncher}), otherwise this JVM's class path with
 * {@code io.mlsyslab.training.TrainingApplication --worker ...} (tests, IDEs). Environment variables (e.g.
 * {@code JAVA_TOOL_OPTIONS}) are inherited. Workers inherit this JVM's
 * Vector-API and determinism flags so they compute the same bits; their output goes to a log file per worker.
 */
public interface WorkerSpawner {

    /** Starts {@code workers} processes that join {@code coordinatorUrl}. */
    List<Process> spawn(int workers, String coordinatorUrl) throws IOException;

    /** The local spawner. */
    WorkerSpawner LOCAL = (workers, url) -> {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> base = new ArrayList<>();
        base.add(java);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-modules") || a.startsWith("-XX:+UnlockDiagnosticVMOptions")
                    || a.startsWith("-XX:DisableIntrinsic") || a.startsWith("-Dmlsyslab.nn.")) {
                base.add(a);
            }
        }
        if (base.stream().noneMatch(a -> a.startsWith("--add-modules"))) {
            base.add("--add-modules=jdk.incubator.vector");
        }
        base.add("-Xmx512m");
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        if (first.endsWith(".jar") && bootJar(first)) {
            base.add("-jar");
            base.add(first);
        } else if (first.startsWith("org.springframework.boot.loader.")) {
            // an extracted boot jar (the Dockerfile's JarLauncher): the launcher passes the args to our main
            base.add("-cp");
            base.add(System.getProperty("java.class.path"));
            base.add(first);
        } else {
            base.add("-cp");
            base.add(System.getProperty("java.class.path"));
            base.add("io.mlsyslab.training.TrainingApplication");
        }
        base.add("--worker");
        base.add("--coordinator=" + url);
        Path logs = Files.createTempDirectory("training-workers");
        List<Process> out = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            File log = logs.resolve("worker-" + i + ".log").toFile();
            out.add(new ProcessBuilder(base).redirectErrorStream(true).redirectOutput(log).start());
        }
        return out;
    };

    /** Whether {@code jar} is a Spring Boot executable jar (this service's), not e.g. a test runner's jar. */
    static boolean bootJar(String jar) {
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar)) {
            String main = f.getManifest() == null ? null
                    : f.getManifest().getMainAttributes().getValue("Main-Class");
            return main != null && main.startsWith("org.springframework.boot.loader");
        } catch (IOException e) {
            return false;
        }
    }
}

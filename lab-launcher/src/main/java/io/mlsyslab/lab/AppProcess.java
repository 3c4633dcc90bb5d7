package io.mlsyslab.lab;

import io.mlsyslab.lab.supervisor.Incarnation;
import io.mlsyslab.lab.supervisor.SupervisedChild;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One app of the lab (a service or the gateway) as a child JVM with its log file and readiness probe. */
final class AppProcess implements SupervisedChild {

    /** Spring's graceful shutdown hands running runs back to the queue within this. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final List<String> args;
    private final Path log;
    /** Set by the supervisor's restart thread, read by readiness probes. */
    private volatile Process process;

    AppProcess(String name, Path jar, int port, Map<String, String> env, List<String> jvmOptions, List<String> args,
            Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.args = List.copyOf(args);
        this.log = log;
    }

    @Override
    public String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public Incarnation start() throws IOException {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " is missing; build with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the children inherit the lab's environment; the plain admin key is for the lab alone
        builder.environment().remove("LAB_API_KEY");
        builder.environment().putAll(env);
        process = builder.start();
        return Incarnation.of(process);
    }

    /** Readiness as the app reports it on {@code /actuator/health/readiness}. */
    boolean ready() {
        if (!alive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, which Spring answers with a graceful shutdown; SIGKILL if that takes longer than {@link #STOP_GRACE}. */
    @Override
    public void stop() {
        Process process = this.process;
        Duration grace = STOP_GRACE;
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

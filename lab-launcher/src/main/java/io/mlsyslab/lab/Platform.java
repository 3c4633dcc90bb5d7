package io.mlsyslab.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole lab on one machine: embedded PostgreSQL, the five services and the gateway as child JVMs. Used by the
 * {@code ./lab} command and by the end-to-end test, which also kills and restarts single apps.
 */
public final class Platform implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Serial GC: six JVMs share two cores, and none of them needs a concurrent collector's threads. */
    private static final List<String> APP_JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC");

    /** The gateway's Maven module (and jar name). */
    static final String GATEWAY_MODULE = "gateway";

    private final LabConfig config;
    private final String adminKey;
    private final Map<String, AppProcess> apps = new LinkedHashMap<>();
    private volatile Database database;
    private volatile boolean closed;

    private Platform(LabConfig config, String adminKey) {
        this.config = config;
        this.adminKey = adminKey;
    }

    /**
     * A platform not started yet, so a caller can register {@link #close()} (e.g. as a shutdown hook) before
     * {@link #start} begins: an interrupted start-up then still stops whatever it had started.
     */
    public static Platform prepare(LabConfig config) throws IOException {
        Files.createDirectories(config.logs());
        Files.createDirectories(config.home().resolve("cds"));
        return new Platform(config, ApiKeys.adminKey(config));
    }

    /** Starts the database and every app, and waits until all are ready; stops what it started if that fails. */
    public static Platform start(LabConfig config, Map<String, List<String>> extraArgs) throws IOException,
            SQLException, InterruptedException {
        Platform platform = prepare(config);
        platform.start(extraArgs);
        return platform;
    }

    /** See {@link #prepare}; the state file is written as soon as PostgreSQL runs, so {@code ./lab down} works. */
    public void start(Map<String, List<String>> extraArgs) throws IOException, SQLException, InterruptedException {
        try {
            database = Database.start(config);
            writeState();
            createApps(extraArgs);
            for (AppProcess app : apps.values()) {
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("stopped during start-up");
                    }
                    app.start();
                }
            }
            writeState();
            awaitReady(apps.values(), config.startTimeout());
        } catch (IOException | SQLException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void createApps(Map<String, List<String>> extraArgs) {
        Map<String, String> common = new LinkedHashMap<>(config.extraEnv());
        common.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        common.put("SPRING_DATASOURCE_USERNAME", "postgres");
        common.put("SPRING_DATASOURCE_PASSWORD", "postgres");
        common.put("SERVER_ADDRESS", "127.0.0.1");
        config.servicePorts().forEach((name, port) -> common.put(
                "MLSYSLAB_SERVICES_URLS_" + name.toUpperCase(java.util.Locale.ROOT), "http://127.0.0.1:" + port));
        config.servicePorts().forEach((name, port) -> {
            List<String> jvm = jvmOptions(name);
            Map<String, String> env = new LinkedHashMap<>(common);
            env.put(name.toUpperCase(java.util.Locale.ROOT) + "_PORT", Integer.toString(port));
            env.put("SERVER_PORT", Integer.toString(port));
            if (name.equals("storage")) {
                // the KV store's files live under LAB_HOME, so an e2e run's temporary home isolates them
                env.putIfAbsent("STORAGE_DATA_DIR", config.home().resolve("storage").toString());
            }
            if (name.equals("inference")) {
                env.put("INFERENCE_MODEL_DIR", config.home().resolve("inference-models").toString());
            }
            apps.put(name, new AppProcess(name, jar(moduleOf(name)), port, env, jvm,
                    extraArgs.getOrDefault(name, List.of()), config.logs().resolve(name + ".log")));
        });
        Map<String, String> gatewayEnv = new LinkedHashMap<>(config.extraEnv());
        gatewayEnv.put("SERVER_PORT", Integer.toString(config.gatewayPort()));
        gatewayEnv.put("SERVER_ADDRESS", "127.0.0.1");
        gatewayEnv.put("LAB_API_KEY_SHA256", ApiKeys.sha256(adminKey));
        gatewayEnv.remove("LAB_API_KEY");
        config.servicePorts().forEach((name, port) -> gatewayEnv.put(name.toUpperCase(java.util.Locale.ROOT) + "_URL",
                "http://127.0.0.1:" + port));
        apps.put("gateway", new AppProcess("gateway", jar(GATEWAY_MODULE), config.gatewayPort(), gatewayEnv,
                jvmOptions("gateway"),
                extraArgs.getOrDefault("gateway", List.of()), config.logs().resolve("gateway.log")));
    }

    /**
     * Each app keeps a class-data-sharing archive in LAB_HOME/cds that the JVM writes at exit and maps at the next
     * start, which takes seconds off every later {@code ./lab up}.
     */
    private List<String> jvmOptions(String app) {
        List<String> jvm = new ArrayList<>(APP_JVM_OPTIONS);
        jvm.add("-XX:+AutoCreateSharedArchive");
        jvm.add("-XX:SharedArchiveFile=" + config.home().resolve("cds").resolve(app + ".jsa"));
        jvm.addAll(config.javaOptions());
        return jvm;
    }

    /** A catalogue service's Maven module (and jar name): {@code <name>-service}. */
    static String moduleOf(String service) {
        return service + "-service";
    }

    private Path jar(String module) {
        Path target = config.root().resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + target, e);
            }
        }
        return target.resolve(module + "-exec.jar");
    }

    private void awaitReady(Iterable<AppProcess> waiting, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<AppProcess> pending = new ArrayList<>();
        waiting.forEach(pending::add);
        while (!pending.isEmpty()) {
            for (AppProcess app : List.copyOf(pending)) {
                if (closed) {
                    throw new IllegalStateException("stopped during start-up");
                }
                if (!app.alive()) {
                    throw new IllegalStateException(app.name() + " exited during start-up; see " + app.log());
                }
                if (app.ready()) {
                    pending.remove(app);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s: "
                        + pending.stream().map(a -> a.name() + " (" + a.log() + ")").toList());
            }
            Thread.sleep(250);
        }
    }

    public String adminKey() {
        return adminKey;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + config.gatewayPort();
    }

    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        apps.forEach((name, app) -> urls.put(name, "http://127.0.0.1:" + app.port()));
        return urls;
    }

    public Path logs() {
        return config.logs();
    }

    public int postgresPort() {
        return database == null ? -1 : database.port();
    }

    /** SIGKILL one app, as a crash would. */
    public void kill(String name) throws InterruptedException {
        app(name).kill();
    }

    /** Graceful stop of one app. */
    public void stop(String name) {
        app(name).stop(STOP_GRACE);
    }

    /** Starts one app again (after {@link #kill} or {@link #stop}) and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        AppProcess app = app(name);
        app.start();
        awaitReady(List.of(app), config.startTimeout());
        writeState();
    }

    public boolean allAlive() {
        return apps.values().stream().allMatch(AppProcess::alive);
    }

    /** Apps that exited on their own while the lab runs (none once the lab itself is stopping them). */
    List<String> exited() {
        if (closed) {
            return List.of();
        }
        return apps.values().stream().filter(a -> !a.alive()).map(AppProcess::name).toList();
    }

    private AppProcess app(String name) {
        AppProcess app = apps.get(name);
        if (app == null) {
            throw new IllegalArgumentException("no app named " + name + "; apps: " + apps.keySet());
        }
        return app;
    }

    private void writeState() throws IOException {
        Properties state = new Properties();
        state.setProperty("lab.pid", Long.toString(ProcessHandle.current().pid()));
        state.setProperty("lab.started",
                ProcessHandle.current().info().startInstant().map(Object::toString).orElse(""));
        state.setProperty("postgres.port", Integer.toString(postgresPort()));
        apps.forEach((name, app) -> {
            state.setProperty("app." + name + ".port", Integer.toString(app.port()));
            state.setProperty("app." + name + ".pid", Long.toString(app.pid()));
        });
        LabState.write(config.home(), state);
    }

    /** Stops the gateway first (no new traffic), then the services (runs go back to the queue), then PostgreSQL. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        AppProcess gateway = apps.get("gateway");
        if (gateway != null) {
            gateway.stop(STOP_GRACE);
        }
        List<Thread> stopping = new ArrayList<>();
        for (AppProcess app : apps.values()) {
            if (app != gateway) {
                stopping.add(Thread.ofVirtual().start(() -> app.stop(STOP_GRACE)));
            }
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("lab: stopping PostgreSQL failed: " + e.getMessage());
            }
        }
        LabState.clear(config.home());
    }
}

package io.mlsyslab.lab;

import io.mlsyslab.lab.supervisor.ChildState;
import io.mlsyslab.lab.supervisor.ChildStatus;
import io.mlsyslab.lab.supervisor.RestartPolicy;
import io.mlsyslab.lab.supervisor.Supervisor;
import io.mlsyslab.lab.supervisor.SupervisionEvent;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The whole lab on one machine: embedded PostgreSQL, the five services and the gateway as child JVMs, each kept
 * running by a {@link Supervisor} (a crashed child is started again; see {@link RestartPolicy#standard()}). Used by
 * the {@code ./lab} command and by the end-to-end test, which also kills and stops single children.
 */
public final class Platform implements AutoCloseable {

    /** Serial GC: six JVMs share two cores, and none of them needs a concurrent collector's threads. */
    private static final List<String> APP_JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC");

    /** How long a starting service waits for PostgreSQL (Hikari's initializationFailTimeout). */
    static final Duration DATABASE_WAIT = Duration.ofSeconds(90);

    /** The gateway's Maven module (and jar name). */
    static final String GATEWAY_MODULE = "gateway";

    private final LabConfig config;
    private final String adminKey;
    private final HeapPlan heapPlan;
    private final Database database;
    private final Supervisor supervisor;
    private final Map<String, AppProcess> apps = new LinkedHashMap<>();
    private volatile boolean closed;

    private Platform(LabConfig config, String adminKey, HeapPlan heapPlan, RestartPolicy policy) {
        this.config = config;
        this.adminKey = adminKey;
        this.heapPlan = heapPlan;
        this.database = new Database(config);
        this.supervisor = new Supervisor(policy, Clock.systemUTC(), this::supervised);
    }

    /**
     * A platform not started yet, so a caller can register {@link #close()} (e.g. as a shutdown hook) before
     * {@link #start} begins: an interrupted start-up then still stops whatever it had started.
     */
    public static Platform prepare(LabConfig config) throws IOException {
        Files.createDirectories(config.logs());
        Files.createDirectories(config.home().resolve("cds"));
        HeapPlan heaps = HeapPlan.of(config.apps(), HeapPlan.physicalMemory(), config.heap(), config.javaOptions());
        return new Platform(config, ApiKeys.adminKey(config), heaps, RestartPolicy.standard());
    }

    /** Starts the database and every app, and waits until all are ready; stops what it started if that fails. */
    public static Platform start(LabConfig config, Map<String, List<String>> extraArgs) throws Exception {
        Platform platform = prepare(config);
        platform.start(extraArgs);
        return platform;
    }

    /** See {@link #prepare}; the state file is written as soon as PostgreSQL runs, so {@code ./lab down} works. */
    public void start(Map<String, List<String>> extraArgs) throws Exception {
        try {
            supervisor.supervise(database);
            writeState();
            createApps(extraArgs);
            for (AppProcess app : apps.values()) {
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("stopped during start-up");
                    }
                    supervisor.supervise(app);
                }
            }
            writeState();
            awaitReady(apps.values(), config.startTimeout());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * The supervisor's word on a child: crashes, restarts and give-ups go to the terminal (the children's own logs
     * say why), and every event rewrites the state file that {@code ./lab status} reads.
     */
    private void supervised(SupervisionEvent event) {
        if (!(event instanceof SupervisionEvent.Started || event instanceof SupervisionEvent.Stopped)) {
            String log = event.child().equals(Database.CHILD) ? database.log().toString()
                    : config.logs().resolve(event.child() + ".log").toString();
            System.err.println("lab: " + event.describe() + " [" + log + "]");
        }
        try {
            writeState();
        } catch (IOException e) {
            System.err.println("lab: cannot write the state file: " + e.getMessage());
        }
    }

    private void createApps(Map<String, List<String>> extraArgs) {
        Map<String, String> secrets = LabSecrets.childEnvironment(config);
        Map<String, String> common = new LinkedHashMap<>(config.extraEnv());
        common.putAll(secrets);
        common.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        common.put("SPRING_DATASOURCE_USERNAME", "postgres");
        common.put("SPRING_DATASOURCE_PASSWORD", "postgres");
        common.put("SERVER_ADDRESS", "127.0.0.1");
        // a service restarted while PostgreSQL is down (or restarting too) waits for it rather than crash again at
        // its first connection and spend its restart budget
        common.put("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", Long.toString(DATABASE_WAIT.toMillis()));
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
        gatewayEnv.putAll(secrets);
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
        jvm.add("-Xmx" + heapPlan.of(app).jvmSize());
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
                ChildStatus status = supervisor.status(app.name());
                if (!app.alive() || status.restarts() > 0 || status.state() != ChildState.RUNNING) {
                    // a child that cannot start is usually misconfigured: say so now rather than restart it 5 times
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
        return database.port();
    }

    public HeapPlan heapPlan() {
        return heapPlan;
    }

    /** Every child (PostgreSQL first, then the apps in start order) as the supervisor sees it. */
    public List<ChildStatus> children() {
        return supervisor.statuses();
    }

    public ChildStatus child(String name) {
        return supervisor.status(name);
    }

    /**
     * SIGKILL one child ({@code postgres} or an app), as a crash would, and waits until it is gone: the supervisor
     * starts it again.
     */
    public void kill(String name) throws InterruptedException {
        long pid = supervisor.status(name).pid();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                name + " runs no process (pid " + pid + ")"));
        try {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " (pid " + pid + ") did not die of SIGKILL", e);
        }
    }

    /** Graceful stop of one app: a planned stop, so nothing restarts it. */
    public void stop(String name) {
        app(name);
        supervisor.stop(name);
    }

    /** Starts one app again after {@link #stop} and waits until it is ready. */
    public void restart(String name) throws Exception {
        AppProcess app = app(name);
        supervisor.start(name);
        awaitReady(List.of(app), config.startTimeout());
    }

    private AppProcess app(String name) {
        AppProcess app = apps.get(name);
        if (app == null) {
            throw new IllegalArgumentException("no app named " + name + "; apps: " + apps.keySet());
        }
        return app;
    }

    private synchronized void writeState() throws IOException {
        if (closed) {
            return; // the state file goes with the lab
        }
        Properties state = new Properties();
        state.setProperty("lab.pid", Long.toString(ProcessHandle.current().pid()));
        state.setProperty("lab.started",
                ProcessHandle.current().info().startInstant().map(Object::toString).orElse(""));
        state.setProperty("postgres.port", Integer.toString(postgresPort()));
        List<ChildEntry> entries = new ArrayList<>();
        for (ChildStatus child : supervisor.statuses()) {
            AppProcess app = apps.get(child.name());
            entries.add(app == null ? new ChildEntry(child, database.port(), "-")
                    : new ChildEntry(child, app.port(), heapPlan.of(child.name()).jvmSize()));
        }
        ChildEntry.putAll(state, entries);
        LabState.write(config.home(), state);
    }

    /**
     * Stops the gateway first (no new traffic), then the services (runs go back to the queue), then PostgreSQL; none
     * of these exits is a crash.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        supervisor.shutdown();
        AppProcess gateway = apps.get("gateway");
        if (gateway != null) {
            stopIfSupervised(gateway.name());
        }
        List<Thread> stopping = new ArrayList<>();
        for (AppProcess app : apps.values()) {
            if (app != gateway) {
                stopping.add(Thread.ofVirtual().start(() -> stopIfSupervised(app.name())));
            }
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopIfSupervised(Database.CHILD);
        supervisor.close();
        LabState.clear(config.home());
    }

    /** A start-up that failed half-way has children it never got to supervise (and so never started). */
    private void stopIfSupervised(String name) {
        if (supervisor.supervises(name)) {
            supervisor.stop(name);
        }
    }
}

package io.mlsyslab.lab;

import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.lab.supervisor.ChildState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/** {@code ./lab up | status | down}: the local platform on one machine, with nothing but a JDK 25. */
public final class Lab {

    private Lab() {}

    public static void main(String[] args) throws Exception {
        List<String> words = List.of(args);
        boolean withMonitoring = words.contains("--with-monitoring");
        String command = words.stream().filter(w -> !w.startsWith("--with-")).findFirst().orElse("up");
        Path root = Path.of(System.getProperty("lab.root", ".")).toAbsolutePath().normalize();
        LabConfig config = LabConfig.fromEnvironment(root, System.getenv());
        int code = switch (command) {
            case "up" -> up(config, withMonitoring ? Monitoring.fromEnvironment(System.getenv()) : null);
            case "status" -> status(config);
            case "down" -> down(config);
            case "catalogue" -> catalogue(config);
            case "help", "-h", "--help" -> help();
            default -> {
                System.err.println("lab: unknown command '" + command + "'");
                help();
                yield 2;
            }
        };
        System.exit(code);
    }

    private static int help() {
        System.out.println("""
                usage: ./lab [up [--with-monitoring]|status|down]
                  up      start PostgreSQL, the five services and the gateway; Ctrl-C stops them all
                          --with-monitoring: also Prometheus (Debian's prometheus, when installed) on
                          127.0.0.1:9090 scraping every app, data in LAB_HOME/prometheus
                  status  show whether a lab is running and, per child (PostgreSQL and each app), its state
                          (RUNNING/RESTARTING/FAILED/STOPPED), pid, restarts, last exit code, uptime, heap, health
                  down    stop a lab started by 'up' in another terminal
                  catalogue  the apps, one per line, tab-separated: name, port (LAB_<SERVICE>_PORT or the
                          catalogue's), route prefix, data plane (true/false), module directory
                environment: LAB_HOME, LAB_API_KEY, LAB_GATEWAY_PORT, LAB_PG_PORT, LAB_<SERVICE>_PORT,
                             LAB_START_TIMEOUT_SECONDS, LAB_JAVA_OPTS, LAB_HEAP_SHARE, LAB_HEAP_<APP>,
                             LAB_PROMETHEUS, LAB_PROMETHEUS_PORT (see README.md)""");
        return 0;
    }

    private static int up(LabConfig config, Monitoring monitoring) throws Exception {
        if (LabState.read(config.home()).isPresent()) {
            System.err.println("lab: already running for " + config.home() + " (./lab status, ./lab down)");
            return 1;
        }
        Path prometheusBinary = null;
        if (monitoring != null) {
            prometheusBinary = monitoring.executable().orElse(null);
            if (prometheusBinary == null) {
                System.err.println("lab: --with-monitoring needs Prometheus ('" + monitoring.binary() + "' is not on"
                        + " PATH): sudo apt-get install prometheus, or set LAB_PROMETHEUS to its path");
                return 1;
            }
        }
        java.util.concurrent.atomic.AtomicReference<Process> prometheus = new java.util.concurrent.atomic.AtomicReference<>();
        long started = System.nanoTime();
        System.out.println("lab: starting PostgreSQL and " + (ServiceCatalogue.services().size() + 1) + " apps (logs in "
                + config.logs() + ") ...");
        Platform platform = Platform.prepare(config);
        System.out.println("lab: " + platform.heapPlan().describe());
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before start-up, so Ctrl-C or ./lab down while apps are still starting stops them all
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nlab: stopping ...");
            Process p = prometheus.get();
            if (p != null) {
                p.destroy();
            }
            platform.close();
            System.out.println("lab: stopped");
            stopped.countDown();
        }));
        try {
            platform.start(Map.of());
        } catch (IllegalStateException | java.io.IOException | java.sql.SQLException e) {
            System.err.println("lab: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("lab: all healthy in %.1f s%n%n", seconds);
        System.out.println("  gateway     " + platform.gatewayUrl() + "   (API docs: " + platform.gatewayUrl() + "/docs)");
        platform.urls().forEach((name, url) -> {
            if (!name.equals("gateway")) {
                System.out.printf("  %-11s %s   (loopback only; use the gateway)%n", name, url);
            }
        });
        System.out.println("  postgres    127.0.0.1:" + platform.postgresPort() + " (data in " + config.home().resolve("pgdata") + ")");
        if (prometheusBinary != null) {
            try {
                prometheus.set(monitoring.start(prometheusBinary, config.home(), config.root(), platform.urls(),
                        config.logs().resolve("prometheus.log")));
                System.out.println("  prometheus  " + monitoring.url() + "   (data in "
                        + config.home().resolve("prometheus") + "; dashboards: observability/grafana)");
            } catch (IllegalStateException e) {
                System.err.println("lab: " + e.getMessage() + " (the lab runs on without monitoring)");
            }
        }
        System.out.println("\n  API key (admin): " + platform.adminKey());
        System.out.println("  try: curl -H 'Authorization: Bearer " + platform.adminKey() + "' "
                + platform.gatewayUrl() + "/api/network/run-kinds\n");
        System.out.println("lab: running, a crashed child is restarted (./lab status shows restarts); Ctrl-C or"
                + " ./lab down stops everything");
        // the supervisor reports crashes and restarts itself; this thread only waits for the end
        stopped.await();
        return 0;
    }

    /**
     * The apps {@code up} starts, from platform-api's ServiceCatalogue (the gateway first): the {@code ./lab} script
     * reads the module column to know which jars must be built, so it lists no service itself.
     */
    private static int catalogue(LabConfig config) {
        catalogueLines(config).forEach(System.out::println);
        return 0;
    }

    static List<String> catalogueLines(LabConfig config) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.join("\t", "gateway", Integer.toString(config.gatewayPort()), "-", "false",
                Platform.GATEWAY_MODULE));
        for (ServiceCatalogue.Service s : ServiceCatalogue.services()) {
            lines.add(String.join("\t", s.name(), Integer.toString(config.servicePorts().get(s.name())),
                    s.routePrefix(), Boolean.toString(s.dataPlane()), Platform.moduleOf(s.name())));
        }
        return lines;
    }

    private static int status(LabConfig config) throws Exception {
        Optional<Properties> state = LabState.read(config.home());
        if (state.isEmpty()) {
            System.out.println("lab: not running (LAB_HOME " + config.home() + ")");
            return 3;
        }
        Properties s = state.get();
        System.out.println("lab: running, pid " + s.getProperty("lab.pid") + ", PostgreSQL on port "
                + s.getProperty("postgres.port"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<ChildEntry> children = ChildEntry.readAll(s);
        java.util.Map<String, String> health = new java.util.HashMap<>();
        StatusTable.lines(children, java.time.Instant.now(), child -> health.computeIfAbsent(child.status().name(),
                name -> name.equals(Database.CHILD) ? "-" : readiness(http, child.port())))
                .forEach(System.out::println);
        boolean allHealthy = !children.isEmpty() && children.stream().allMatch(c -> c.status().name()
                .equals(Database.CHILD) ? c.status().state() == ChildState.RUNNING
                : "healthy".equals(health.get(c.status().name())));
        return allHealthy ? 0 : 1;
    }

    private static String readiness(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? "healthy" : "unhealthy (" + r.statusCode() + ")";
        } catch (Exception e) {
            return "down";
        }
    }

    private static int down(LabConfig config) throws Exception {
        Optional<Properties> state = LabState.read(config.home());
        if (state.isEmpty()) {
            System.out.println("lab: not running");
            return 0;
        }
        long pid = Long.parseLong(state.get().getProperty("lab.pid"));
        ProcessHandle lab = ProcessHandle.of(pid).orElseThrow();
        System.out.println("lab: stopping pid " + pid + " ...");
        lab.destroy();
        lab.onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("lab: stopped");
        return 0;
    }
}

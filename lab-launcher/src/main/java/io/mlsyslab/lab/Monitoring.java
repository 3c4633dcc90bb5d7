package io.mlsyslab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./lab up --with-monitoring}: Debian's {@code prometheus} (when installed) scraping the lab's apps on their
 * actual ports, with the repository's rules, its data under {@code LAB_HOME/prometheus}, listening on loopback only.
 *
 * @param binary the prometheus executable (LAB_PROMETHEUS, default: prometheus on PATH)
 * @param port LAB_PROMETHEUS_PORT (default 9090)
 */
record Monitoring(String binary, int port) {

    static Monitoring fromEnvironment(Map<String, String> env) {
        String binary = env.getOrDefault("LAB_PROMETHEUS", "").isBlank() ? "prometheus" : env.get("LAB_PROMETHEUS");
        String port = env.getOrDefault("LAB_PROMETHEUS_PORT", "").trim();
        try {
            return new Monitoring(binary.trim(), port.isEmpty() ? 9090 : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LAB_PROMETHEUS_PORT must be a number, got '" + port + "'");
        }
    }

    /** The executable, resolved on PATH unless given as a path; empty when Prometheus is not installed. */
    java.util.Optional<Path> executable() {
        if (binary.contains("/")) {
            Path p = Path.of(binary);
            return Files.isExecutable(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, binary);
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** Prometheus's configuration for apps at these URLs (name → http://host:port), rules beside it. */
    static String scrapeConfig(Map<String, String> urls) {
        return scrapeConfig(urls, Duration.ofSeconds(15));
    }

    /** The same with another scrape interval (the end-to-end test scrapes every second). */
    static String scrapeConfig(Map<String, String> urls, Duration interval) {
        StringBuilder yml = new StringBuilder("""
                # written by ./lab up --with-monitoring for this lab's ports; edits are overwritten at the next start
                global:
                  scrape_interval: %1$ds
                  evaluation_interval: %1$ds
                rule_files:
                - rules/*.yml
                scrape_configs:
                - job_name: mlsyslab
                  metrics_path: /actuator/prometheus
                  honor_labels: true
                  static_configs:
                """.formatted(Math.max(1, interval.toSeconds())));
        urls.forEach((name, url) -> {
            URI uri = URI.create(url);
            yml.append("  - {targets: [\"").append(uri.getHost()).append(':').append(uri.getPort())
                    .append("\"], labels: {application: ").append(name).append("}}\n");
        });
        return yml.toString();
    }

    /** Writes the configuration and rules under {@code home/prometheus}; returns the configuration file. */
    static Path prepare(Path home, Path root, Map<String, String> urls) throws IOException {
        return prepare(home, root, urls, Duration.ofSeconds(15));
    }

    static Path prepare(Path home, Path root, Map<String, String> urls, Duration interval) throws IOException {
        Path dir = home.resolve("prometheus");
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.createDirectories(dir.resolve("data"));
        try (Stream<Path> sources = Files.list(root.resolve("observability/prometheus/rules"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".yml")).toList()) {
                Files.copy(source, rules.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, scrapeConfig(urls, interval));
        return config;
    }

    /** Starts Prometheus and waits until it is ready; the caller stops the process. */
    Process start(Path executable, Path home, Path root, Map<String, String> urls, Path log)
            throws IOException, InterruptedException {
        return start(executable, home, root, urls, log, Duration.ofSeconds(15));
    }

    Process start(Path executable, Path home, Path root, Map<String, String> urls, Path log, Duration interval)
            throws IOException, InterruptedException {
        Path config = prepare(home, root, urls, interval);
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + home.resolve("prometheus/data"),
                "--storage.tsdb.retention.time=7d",
                "--web.listen-address=127.0.0.1:" + port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited (code " + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
                r.body().close();
                if (r.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException("prometheus not ready within 60 s; see " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }
}

package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./lab up --with-monitoring: the configuration it writes passes promtool and scrapes the lab's actual ports. */
class MonitoringTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void writesAConfigForTheLabsPortsThatPromtoolAccepts(@TempDir Path home) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("gateway", "http://127.0.0.1:18080");
        urls.put("analytics", "http://127.0.0.1:18085");
        Path config = Monitoring.prepare(home, ROOT, urls);
        assertThat(config).isEqualTo(home.resolve("prometheus/prometheus.yml"));
        String yml = Files.readString(config);
        assertThat(yml).contains("targets: [\"127.0.0.1:18080\"], labels: {application: gateway}")
                .contains("targets: [\"127.0.0.1:18085\"], labels: {application: analytics}");
        assertThat(home.resolve("prometheus/rules/mlsyslab.rules.yml")).exists();
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "config", config.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("promtool is missing: install Debian's prometheus (.ci/run does)", e);
        }
        String out = new String(promtool.getInputStream().readAllBytes());
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void theDefaultLabConfigInTheRepositoryMatchesWhatTheLauncherWrites() throws IOException {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("gateway", "http://127.0.0.1:8080");
        LabConfig.DEFAULT_SERVICE_PORTS.forEach((name, port) -> urls.put(name, "http://127.0.0.1:" + port));
        String written = Monitoring.scrapeConfig(urls);
        String committed = Files.readString(ROOT.resolve("observability/prometheus/prometheus-lab.yml"));
        for (String line : written.lines().filter(l -> l.contains("targets")).toList()) {
            assertThat(committed).contains(line);
        }
    }

    @Test
    void settingsComeFromTheEnvironment() {
        assertThat(Monitoring.fromEnvironment(Map.of())).isEqualTo(new Monitoring("prometheus", 9090));
        assertThat(Monitoring.fromEnvironment(Map.of("LAB_PROMETHEUS", "/opt/p/prometheus",
                "LAB_PROMETHEUS_PORT", "9191"))).isEqualTo(new Monitoring("/opt/p/prometheus", 9191));
        assertThatThrownBy(() -> Monitoring.fromEnvironment(Map.of("LAB_PROMETHEUS_PORT", "x")))
                .hasMessageContaining("LAB_PROMETHEUS_PORT");
        assertThat(new Monitoring("/nonexistent/prometheus", 9090).executable()).isEmpty();
        assertThat(new Monitoring("sh", 1).executable()).isPresent();
    }

    @Test
    void startsPrometheusOnTheGivenPortWithItsDataUnderLabHome(@TempDir Path home) throws Exception {
        Monitoring monitoring = new Monitoring("prometheus", freePort());
        Path binary = monitoring.executable()
                .orElseThrow(() -> new AssertionError("prometheus is missing: install Debian's prometheus"));
        Files.createDirectories(home.resolve("logs"));
        Process p = monitoring.start(binary, home, ROOT, Map.of("gateway", "http://127.0.0.1:" + freePort()),
                home.resolve("logs/prometheus.log"));
        try {
            assertThat(p.isAlive()).isTrue();
            assertThat(home.resolve("prometheus/data")).isDirectoryContaining(f -> true);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

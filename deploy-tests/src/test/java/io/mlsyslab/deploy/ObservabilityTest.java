package io.mlsyslab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * Prometheus configs and rules pass promtool; every dashboard query is valid PromQL (also through promtool); the
 * dashboards have fixed uids, provisioned datasources and the application/instance variables.
 */
class ObservabilityTest {

    private static final String PROMTOOL_HINT = "Debian package prometheus (.ci/run installs it with apt-get)";

    @Test
    void rulesAndBothScrapeConfigsPassPromtool() {
        String rules = Repo.run("promtool", PROMTOOL_HINT, "check", "rules",
                Repo.ROOT.resolve("observability/prometheus/rules/mlsyslab.rules.yml").toString());
        assertThat(rules).contains("SUCCESS: 8 rules found");
        for (String config : List.of("prometheus-compose.yml", "prometheus-lab.yml")) {
            String out = Repo.run("promtool", PROMTOOL_HINT, "check", "config",
                    Repo.ROOT.resolve("observability/prometheus").resolve(config).toString());
            assertThat(out).as(config).contains("is valid prometheus config file syntax").contains("1 rule files found");
        }
    }

    @Test
    void theRulesCoverTheFourAlerts() {
        Set<String> alerts = new TreeSet<>();
        Queries.rules().forEach(r -> {
            if (r.containsKey("alert")) {
                alerts.add((String) r.get("alert"));
            }
        });
        assertThat(alerts).containsExactlyInAnyOrder("MlsysLabAppDown", "MlsysLabGatewayErrorRatio",
                "MlsysLabRunFailureRate", "MlsysLabStorageDiskNearlyFull");
    }

    @Test
    void everyDashboardQueryIsValidPromql(@TempDir Path dir) throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        int i = 0;
        for (Queries.Query q : Queries.promql()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "check:query_" + i++);
            rule.put("expr", q.text());
            rules.add(rule);
        }
        Path file = dir.resolve("queries.yml");
        Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "queries", "rules", rules)))));
        String out = Repo.run("promtool", PROMTOOL_HINT, "check", "rules", file.toString());
        assertThat(out).contains("SUCCESS: " + rules.size() + " rules found");
    }

    @Test
    void dashboardsHaveFixedUidsProvisionedDatasourcesAndVariables() {
        Map<String, Object> provisioning = new Yaml().load(
                Repo.read("observability/grafana/provisioning/datasources/mlsyslab.yml"));
        Set<String> datasourceUids = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> datasources = (List<Map<String, Object>>) provisioning.get("datasources");
        datasources.forEach(d -> datasourceUids.add((String) d.get("uid")));
        assertThat(Dashboards.files()).containsExactlyInAnyOrder("platform-overview.json", "network.json",
                "analytics.json", "storage.json", "inference.json", "training.json", "experiment-runs.json");
        Set<String> uids = new HashSet<>();
        for (String file : Dashboards.files()) {
            JsonNode d = Queries.dashboard(file);
            String uid = d.path("uid").asString();
            assertThat(uid).as(file).isEqualTo("mlsyslab-" + file.replace(".json", ""));
            assertThat(uid.length()).isLessThanOrEqualTo(40);
            assertThat(uids.add(uid)).as("unique uid " + uid).isTrue();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : Queries.panels(d)) {
                assertThat(ids.add(panel.path("id").asInt())).as(file + " panel ids unique").isTrue();
                assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
                if (!panel.path("type").asString().equals("row")) {
                    assertThat(panel.path("targets").size()).as(file + " " + panel.path("title")).isPositive();
                    assertThat(datasourceUids).contains(panel.path("datasource").path("uid").asString());
                }
            }
            Set<String> variables = new HashSet<>();
            d.path("templating").path("list").forEach(v -> variables.add(v.path("name").asString()));
            if (file.equals("experiment-runs.json")) {
                assertThat(variables).contains("service", "run_id");
            } else {
                assertThat(variables).contains("application", "instance");
            }
        }
        Map<String, Object> dashboardsProvider = new Yaml().load(
                Repo.read("observability/grafana/provisioning/dashboards/mlsyslab.yml"));
        assertThat(dashboardsProvider.toString()).contains("/var/lib/grafana/dashboards");
    }

    @Test
    void metricNamesAreExtractedFromQueries() {
        assertThat(Queries.metricNames("histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                + "{application=\"x\", uri!~\"/actuator.*\"}[1m]))) / on (uri) up"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "up");
        assertThat(Queries.usedMetrics()).contains("runs_queue_depth", "spring_cloud_gateway_requests_seconds_bucket",
                "gateway_problems_total", "network_fabric_analysis_seconds_count", "jvm_memory_used_bytes",
                "kv_link_bytes_total").doesNotContain("by", "le", "sum", "rate");
    }
}

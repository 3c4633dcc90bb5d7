package io.mlsyslab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of observability/ (every dashboard panel and rule) for the end-to-end test: the same extraction as
 * deploy-tests' Queries, kept here because the end-to-end test is the one with a running lab.
 */
final class DashboardQueries {

    /** A query, where it comes from, and whether it is an alert condition (normally empty). */
    record Query(String where, String promql, boolean alert) {}

    /**
     * Metrics that exist only once a training run has started (training registers its meters per run kind and per
     * run, and the end-to-end test runs no training), named by the training dashboard.
     */
    static final Set<String> NOT_YET_EXPORTED = Set.of(
            "training_loss_train", "training_loss_eval", "training_bytes_sent_bytes_total", "training_tokens_total",
            "training_syncs_total");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "le", "inf", "nan");

    private DashboardQueries() {
    }

    @SuppressWarnings("unchecked")
    static List<Query> all() throws IOException {
        List<Query> out = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.list(ROOT.resolve("observability/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = json.readTree(file.toFile());
                for (JsonNode panel : d.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        if (target.has("expr")) {
                            out.add(new Query(file.getFileName() + " / " + panel.path("title").asString(),
                                    target.path("expr").asString().replace("$__rate_interval", "1m")
                                            .replace("$application", ".*").replace("$instance", ".*"), false));
                        }
                    }
                }
            }
        }
        Map<String, Object> rules = new Yaml().load(
                Files.readString(ROOT.resolve("observability/prometheus/rules/mlsyslab.rules.yml")));
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                boolean alert = rule.containsKey("alert");
                out.add(new Query("rule " + rule.get(alert ? "alert" : "record"), (String) rule.get("expr"), alert));
            }
        }
        return out;
    }

    /**
     * The PromQL of vLLM's example Grafana dashboard, with model {@code e2e-vllm} (inference-service's test resource
     * {@code vllm/grafana-dashboard-queries.txt}: a panel title, a tab, a query per line; {@code #} comments).
     */
    static List<Query> vllm() throws IOException {
        List<Query> out = new ArrayList<>();
        for (String line : Files.readAllLines(
                ROOT.resolve("inference-service/src/test/resources/vllm/grafana-dashboard-queries.txt"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int tab = line.indexOf('\t');
                out.add(new Query("vLLM dashboard / " + line.substring(0, tab), line.substring(tab + 1), false));
            }
        }
        return out;
    }

    /** The metric names an expression reads (recording rules' names, with a colon, and functions excluded). */
    static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (m.group(2) == null && !WORDS.contains(name.toLowerCase()) && !name.contains(":")) {
                out.add(name);
            }
        }
        return out;
    }
}

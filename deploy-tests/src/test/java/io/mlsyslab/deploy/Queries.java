package io.mlsyslab.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query of the dashboards and rules: PromQL expressions (with Grafana's variables replaced by values Prometheus
 * accepts), the SQL of the PostgreSQL panels, and the metric names the PromQL reads.
 */
final class Queries {

    /** A query and where it comes from. */
    record Query(String where, String text) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "le", "inf", "nan");

    private Queries() {
    }

    static JsonNode dashboard(String file) {
        return JSON.readTree(Dashboards.DIR.resolve(file).toFile());
    }

    /** Every panel of a dashboard, rows' nested panels included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    static List<Query> promql() {
        List<Query> out = new ArrayList<>();
        for (String file : Dashboards.files()) {
            JsonNode d = dashboard(file);
            for (JsonNode panel : panels(d)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.has("expr")) {
                        out.add(new Query(file + " / " + panel.path("title").asString(),
                                grafanaToProm(target.path("expr").asString())));
                    }
                }
            }
        }
        for (Map<String, Object> rule : rules()) {
            out.add(new Query("rule " + rule.getOrDefault("record", rule.get("alert")), (String) rule.get("expr")));
        }
        return out;
    }

    static List<Query> sql() {
        List<Query> out = new ArrayList<>();
        for (String file : Dashboards.files()) {
            JsonNode d = dashboard(file);
            for (JsonNode panel : panels(d)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.has("rawSql")) {
                        out.add(new Query(file + " / " + panel.path("title").asString(), target.path("rawSql").asString()));
                    }
                }
            }
            for (JsonNode variable : d.path("templating").path("list")) {
                if (variable.path("datasource").path("type").asString().contains("postgres")) {
                    out.add(new Query(file + " / variable " + variable.path("name").asString(),
                            variable.path("query").asString()));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() {
        Map<String, Object> file = new Yaml().load(Repo.read("observability/prometheus/rules/mlsyslab.rules.yml"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            out.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return out;
    }

    /** Grafana's template variables and interval macros as Prometheus would receive them. */
    static String grafanaToProm(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$__interval", "1m")
                .replace("$application", ".*").replace("$instance", ".*");
    }

    /** The metric names an expression reads (recording rules' own names, with a colon, excluded). */
    static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"")   // strings
                .replaceAll("\\{[^}]*}", " ")                           // label matchers
                .replaceAll("\\[[^]]*]", " ")                           // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(s);
        while (m.find()) {
            String name = m.group(1);
            if (m.group(2) != null || PROMQL_WORDS.contains(name.toLowerCase()) || name.contains(":")) {
                continue;
            }
            out.add(name);
        }
        return out;
    }

    static Set<String> usedMetrics() {
        Set<String> out = new TreeSet<>();
        promql().forEach(q -> out.addAll(metricNames(q.text())));
        return out;
    }
}

package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.ServiceCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run on the build machines, so this checks what docker compose would rely on: every app, port,
 * environment variable, healthcheck and dependency named in docker-compose.yml exists in the apps' configuration,
 * and the Dockerfile builds every module it may be asked for.
 */
class DockerPackagingTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PORT = Pattern.compile("port:\\s*\\$\\{(\\w+):(\\d+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)");
    /** The catalogue's services, then the gateway. */
    private static final List<String> APPS = apps();
    private static final List<String> SERVICES = ServiceCatalogue.names();

    private static List<String> apps() {
        List<String> apps = new java.util.ArrayList<>(ServiceCatalogue.names());
        apps.add("gateway");
        return List.copyOf(apps);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Test
    void everyAppOfTheComposeFileMatchesItsModuleConfiguration() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        List<String> expected = new java.util.ArrayList<>(APPS);
        expected.addAll(List.of("postgres", "prometheus", "grafana"));
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        Set<String> platformKeys = relaxed(platformDefaults().stringPropertyNames());
        // variables the shared defaults read by name, e.g. LAB_SIGNING_SECRET
        Matcher defaultsPlaceholders = PLACEHOLDER.matcher(Files.readString(
                ROOT.resolve("platform-core/src/main/resources/mlsyslab-defaults.properties")));
        while (defaultsPlaceholders.find()) {
            platformKeys.add(defaultsPlaceholders.group(1));
        }
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            if (!APPS.contains(entry.getKey())) {
                continue;
            }
            Map<String, Object> service = map(entry.getValue());
            String module = (String) map(map(service.get("build")).get("args")).get("MODULE");
            Path config = ROOT.resolve(module).resolve("src/main/resources/application.yml");
            assertThat(config).as("application.yml of " + module).exists();
            String yml = Files.readString(config);

            Matcher port = PORT.matcher(yml);
            assertThat(port.find()).as("server.port of " + module).isTrue();
            String portVar = port.group(1);
            String defaultPort = port.group(2);
            Map<String, Object> env = map(service.get("environment"));
            assertThat(String.valueOf(env.get(portVar))).as(entry.getKey() + " " + portVar).isEqualTo(defaultPort);

            List<Object> exposed = new java.util.ArrayList<>();
            exposed.addAll((List<Object>) service.getOrDefault("expose", List.of()));
            ((List<Object>) service.getOrDefault("ports", List.of())).forEach(p -> exposed.add(
                    String.valueOf(p).replaceAll(".*:", "")));
            assertThat(exposed).as("ports of " + entry.getKey()).map(String::valueOf).contains(defaultPort);

            String health = String.join(" ", (List<String>) map(service.get("healthcheck")).get("test"));
            assertThat(health).contains("/dev/tcp/127.0.0.1/" + defaultPort).contains("/actuator/health/readiness");

            Set<String> known = new HashSet<>(relaxed(flatten("", new Yaml().load(yml)).keySet()));
            Matcher placeholders = PLACEHOLDER.matcher(yml);
            while (placeholders.find()) {
                known.add(placeholders.group(1));
            }
            if (module.equals("gateway")) {
                // the gateway resolves <NAME>_URL of every catalogue service in code (gateway's ServiceTargets)
                ServiceCatalogue.services().forEach(s -> known.add(s.envName() + "_URL"));
            } else {
                known.addAll(platformKeys);
                // ServicesProperties binds mlsyslab.services.urls.<name> for every catalogue service
                ServiceCatalogue.services().forEach(s -> known.add("MLSYSLAB_SERVICES_URLS_" + s.envName()));
            }
            for (String variable : env.keySet()) {
                assertThat(known).as(entry.getKey() + " environment variable " + variable + " binds to no property")
                        .contains(variable);
            }
        }
    }

    @Test
    void dependenciesWaitForHealthyTargets() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        services.forEach((name, definition) -> map(map(definition).get("depends_on")).forEach((target, rule) -> {
            assertThat(services).as(name + " depends on " + target).containsKey(target);
            assertThat(map(rule).get("condition")).isEqualTo("service_healthy");
            assertThat(map(services.get(target))).as(target + " healthcheck").containsKey("healthcheck");
        }));
        assertThat(map(map(services.get("gateway")).get("depends_on")).keySet())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(map(compose().get("volumes"))).containsKeys("pgdata", "promdata", "grafanadata");
        assertThat(map(map(services.get("grafana")).get("depends_on")).keySet())
                .containsExactlyInAnyOrder("prometheus", "postgres");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheGatewayGrafanaAndPrometheusPublishPorts() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Set<String> publishing = new HashSet<>();
        services.forEach((name, definition) -> {
            if (map(definition).containsKey("ports")) {
                publishing.add(name);
            }
        });
        assertThat(publishing).containsExactlyInAnyOrder("gateway", "grafana", "prometheus");
        assertThat((List<Object>) map(services.get("grafana")).get("ports")).containsExactly("3000:3000");
        assertThat((List<Object>) map(services.get("prometheus")).get("ports")).containsExactly("9090:9090");
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitoringIsProvisionedFromObservabilityAndScrapesEveryApp() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        for (String name : List.of("prometheus", "grafana", "postgres")) {
            for (Object volume : (List<Object>) map(services.get(name)).get("volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
                }
            }
        }
        // Prometheus scrapes each app by its compose name and port
        Map<String, Object> prometheus = new Yaml().load(
                Files.readString(ROOT.resolve("observability/prometheus/prometheus-compose.yml")));
        List<String> targets = new java.util.ArrayList<>();
        for (Object job : (List<Object>) prometheus.get("scrape_configs")) {
            for (Object config : (List<Object>) map(job).get("static_configs")) {
                targets.addAll((List<String>) map(config).get("targets"));
            }
        }
        List<String> expected = new java.util.ArrayList<>();
        for (String app : APPS) {
            Map<String, Object> service = map(services.get(app));
            Object port = map(service.get("environment")).getOrDefault(app.equals("gateway") ? "SERVER_PORT"
                    : app.toUpperCase(Locale.ROOT) + "_PORT", "?");
            expected.add(app + ":" + port);
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everySecretComesFromTheEnvFileWhoseExampleNamesIt() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Properties example = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(".env.example"))) {
            example.load(in);
        }
        Matcher variables = Pattern.compile("\\$\\{(\\w+)(:[?-])?").matcher(compose);
        Set<String> used = new HashSet<>();
        while (variables.find()) {
            used.add(variables.group(1));
        }
        assertThat(used).contains("LAB_API_KEY_SHA256", "LAB_SIGNING_SECRET", "POSTGRES_PASSWORD",
                "GRAFANA_DB_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
        assertThat(example.stringPropertyNames()).containsAll(used);
        example.stringPropertyNames().forEach(k -> assertThat(example.getProperty(k)).as(k + " has no value in the"
                + " example").isEmpty());
        // no secret has a default in the compose file: a missing .env stops compose instead of using a known password
        assertThat(compose).doesNotContainPattern(
                "\\$\\{(LAB_API_KEY_SHA256|LAB_SIGNING_SECRET|POSTGRES_PASSWORD|GRAFANA_\\w+):-");
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    }

    @Test
    void theGatewayAndEveryServiceGetTheSigningSecret() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        for (String app : APPS) {
            assertThat(map(map(services.get(app)).get("environment"))).as(app).containsKey("LAB_SIGNING_SECRET");
        }
    }

    @Test
    void probesAreEnabledWhereHealthchecksLook() throws IOException {
        assertThat(platformDefaults().getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        Map<String, Object> gateway = flatten("", new Yaml().load(
                Files.readString(ROOT.resolve("gateway/src/main/resources/application.yml"))));
        assertThat(gateway.get("management.endpoint.health.probes.enabled")).isEqualTo(true);
    }

    @Test
    void dockerfileBuildsAnyModuleAsNonRootWithLayers() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG MODULE").contains("--layers").contains("USER 10001");
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        while (modules.find()) {
            assertThat(dockerfile).as("Dockerfile copies the pom of " + modules.group(1))
                    .contains("COPY " + modules.group(1) + "/pom.xml");
        }
    }

    private static Properties platformDefaults() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(
                ROOT.resolve("platform-core/src/main/resources/mlsyslab-defaults.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** Spring's relaxed binding: spring.datasource.url ↔ SPRING_DATASOURCE_URL, max-request-bytes ↔ MAXREQUESTBYTES. */
    private static Set<String> relaxed(Set<String> keys) {
        Set<String> out = new HashSet<>();
        for (String key : keys) {
            out.add(key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.putAll(flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v)));
        } else {
            out.put(prefix, node);
        }
        return out;
    }
}

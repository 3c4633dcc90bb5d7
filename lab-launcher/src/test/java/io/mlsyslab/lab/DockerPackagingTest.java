package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "storage", "inference", "training",
                "network", "analytics", "gateway");
        Set<String> platformKeys = relaxed(platformDefaults().stringPropertyNames());
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            if (entry.getKey().equals("postgres")) {
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
            if (!module.equals("gateway")) {
                known.addAll(platformKeys);
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
                .containsExactlyInAnyOrder("storage", "inference", "training", "network", "analytics");
        assertThat(map(compose().get("volumes"))).containsKey("pgdata");
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

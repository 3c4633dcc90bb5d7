package io.mlsyslab.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code ./lab} can be told, read from the environment once.
 *
 * @param root the repository checkout whose built jars are launched
 * @param home LAB_HOME: PostgreSQL data, logs, the API key and the state of a running lab
 * @param postgresPort LAB_PG_PORT
 * @param gatewayPort LAB_GATEWAY_PORT
 * @param servicePorts LAB_STORAGE_PORT, LAB_INFERENCE_PORT, ... keyed by service name
 * @param apiKey LAB_API_KEY, or null to use (or generate once) the key stored in LAB_HOME
 * @param startTimeout LAB_START_TIMEOUT_SECONDS: how long {@code up} waits for every app to be healthy
 * @param javaOptions LAB_JAVA_OPTS: extra JVM options for every app
 * @param extraEnv extra environment for every app (tests use it to shorten run heartbeats)
 * @param heap LAB_HEAP_SHARE and LAB_HEAP_&lt;APP&gt;: how the apps' -Xmx are sized ({@link HeapPlan})
 */
public record LabConfig(
        Path root,
        Path home,
        int postgresPort,
        int gatewayPort,
        Map<String, Integer> servicePorts,
        String apiKey,
        Duration startTimeout,
        List<String> javaOptions,
        Map<String, String> extraEnv,
        HeapSettings heap) {

    /** The services in start order, with their default ports: platform-api's ServiceCatalogue. */
    public static final Map<String, Integer> DEFAULT_SERVICE_PORTS = orderedPorts();

    private static Map<String, Integer> orderedPorts() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        io.mlsyslab.contract.ServiceCatalogue.services().forEach(s -> ports.put(s.name(), s.port()));
        return java.util.Collections.unmodifiableMap(ports);
    }

    public static LabConfig fromEnvironment(Path root, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("LAB_HOME", System.getProperty("user.home") + "/.mlsys-lab"));
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        DEFAULT_SERVICE_PORTS.forEach((name, port) -> ports.put(name,
                intVar(env, "LAB_" + name.toUpperCase(java.util.Locale.ROOT) + "_PORT", port)));
        String opts = env.getOrDefault("LAB_JAVA_OPTS", "").trim();
        return new LabConfig(root, home, intVar(env, "LAB_PG_PORT", 54329), intVar(env, "LAB_GATEWAY_PORT", 8080),
                ports, blankToNull(env.get("LAB_API_KEY")),
                Duration.ofSeconds(intVar(env, "LAB_START_TIMEOUT_SECONDS", 180)),
                opts.isEmpty() ? List.of() : List.of(opts.split("\\s+")), Map.of(),
                HeapSettings.fromEnvironment(env, apps(ports)));
    }

    public LabConfig withExtraEnv(Map<String, String> env) {
        return new LabConfig(root, home, postgresPort, gatewayPort, servicePorts, apiKey, startTimeout, javaOptions,
                Map.copyOf(env), heap);
    }

    /** Every app's name, the gateway first (the order they start and are listed in). */
    public List<String> apps() {
        return apps(servicePorts);
    }

    private static List<String> apps(Map<String, Integer> servicePorts) {
        List<String> apps = new java.util.ArrayList<>(List.of(Platform.GATEWAY_MODULE));
        apps.addAll(servicePorts.keySet());
        return List.copyOf(apps);
    }

    public Path logs() {
        return home.resolve("logs");
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

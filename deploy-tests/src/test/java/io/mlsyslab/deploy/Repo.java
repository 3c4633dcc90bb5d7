package io.mlsyslab.deploy;

import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.config.HttpProperties;
import io.mlsyslab.platform.runs.RunsProperties;
import io.mlsyslab.platform.security.SecurityProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.yaml.snakeyaml.Yaml;

/** The repository as the deployment files see it: apps, their modules, ports and configuration keys. */
final class Repo {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** app name → Maven module, in start order. */
    static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("storage", "storage-service");
        MODULES.put("inference", "inference-service");
        MODULES.put("training", "training-service");
        MODULES.put("network", "network-service");
        MODULES.put("analytics", "analytics-service");
        MODULES.put("gateway", "gateway");
    }

    private static final Pattern PORT = Pattern.compile("port:\\s*\\$\\{(\\w+):(\\d+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)");

    private Repo() {
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String applicationYml(String app) {
        return read(MODULES.get(app) + "/src/main/resources/application.yml");
    }

    /** The app's HTTP port: the default of its server.port placeholder. */
    static int port(String app) {
        Matcher m = PORT.matcher(applicationYml(app));
        if (!m.find()) {
            throw new IllegalStateException("no server.port placeholder in " + app + "'s application.yml");
        }
        return Integer.parseInt(m.group(2));
    }

    /**
     * Environment names that bind to one of the app's properties, by Spring's relaxed rule
     * ({@code spring.datasource.url} ↔ {@code SPRING_DATASOURCE_URL}, dashes dropped), plus the placeholders its
     * application.yml reads; services also get platform-core's defaults and configuration records.
     */
    static Set<String> bindableEnv(String app) {
        String yml = applicationYml(app);
        Set<String> keys = new HashSet<>(flatten("", new Yaml().load(yml)).keySet());
        Set<String> out = new HashSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(yml);
        while (placeholders.find()) {
            out.add(placeholders.group(1));
        }
        if (app.equals("gateway")) {
            // ServiceTargets reads <NAME>_URL for every catalogue service (the variable compose and ./lab set too)
            ServiceCatalogue.services().forEach(service -> out.add(service.envName() + "_URL"));
        } else {
            keys.addAll(platformDefaults().stringPropertyNames());
            // variables the shared defaults read by name, e.g. LAB_SIGNING_SECRET
            Matcher defaults = PLACEHOLDER.matcher(read("platform-core/src/main/resources/mlsyslab-defaults.properties"));
            while (defaults.find()) {
                out.add(defaults.group(1));
            }
            for (Class<?> record : List.of(RunsProperties.class, HttpProperties.class, ServicesProperties.class,
                    SecurityProperties.class)) {
                String prefix = record.getAnnotation(ConfigurationProperties.class).value();
                for (RecordComponent c : record.getRecordComponents()) {
                    keys.add(prefix + "." + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
                }
            }
            // ServicesProperties fills its urls map from the catalogue, so each service's entry is a property
            for (String service : ServiceCatalogue.names()) {
                keys.add("mlsyslab.services.urls." + service);
            }
        }
        for (String key : keys) {
            out.add(relaxed(key));
        }
        return out;
    }

    static String relaxed(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    static Properties platformDefaults() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(
                ROOT.resolve("platform-core/src/main/resources/mlsyslab-defaults.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static Map<String, Object> flatten(String prefix, Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.putAll(flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v)));
        } else {
            out.put(prefix, node);
        }
        return out;
    }

    /** Runs a command of this machine; fails clearly when the tool is missing. */
    static String run(String tool, String hint, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(tool);
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(tool + " is not installed or not on PATH (" + hint + "): " + e.getMessage(), e);
        }
        try (InputStream in = process.getInputStream()) {
            String output = new String(in.readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.mlsyslab.platform.test.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Module-level rules read from the reactor's poms: no service module depends on another service module (a client
 * shared by two services is its own plain-Java module), and {@code benchmarks} reaches engines without the Spring
 * Boot jars (every service dependency of it excludes all transitive dependencies).
 */
public final class ModuleGraph {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern GROUP = Pattern.compile("<groupId>([^<]+)</groupId>");

    /** One module: its directory, its artifactId and the mlsys-lab artifacts it depends on (with their text). */
    public record Module(String directory, String artifactId, Map<String, String> dependencies) {
        public boolean isService() {
            return artifactId.endsWith("-service") || artifactId.equals("gateway");
        }
    }

    private ModuleGraph() {}

    /** The repository root: the nearest directory up from the working directory whose pom.xml lists modules. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return p;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no reactor pom above " + dir);
    }

    public static List<Module> modules(Path root) {
        try {
            String rootPom = Files.readString(root.resolve("pom.xml"));
            List<Module> out = new ArrayList<>();
            Matcher m = MODULE.matcher(rootPom);
            while (m.find()) {
                String dir = m.group(1).trim();
                String pom = Files.readString(root.resolve(dir).resolve("pom.xml"));
                String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
                Matcher a = ARTIFACT.matcher(withoutParent);
                if (!a.find()) {
                    throw new IllegalStateException(dir + "/pom.xml has no artifactId");
                }
                Map<String, String> deps = new LinkedHashMap<>();
                Matcher d = DEPENDENCY.matcher(withoutParent.replaceAll("(?s)<!--.*?-->", ""));
                while (d.find()) {
                    Matcher g = GROUP.matcher(d.group(1));
                    Matcher da = ARTIFACT.matcher(d.group(1));
                    if (g.find() && g.group(1).equals("io.mlsyslab") && da.find()) {
                        deps.put(da.group(1), d.group(1));
                    }
                }
                out.add(new Module(dir, a.group(1), deps));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every violation of the module rules, empty when the build is sound. */
    public static List<String> violations(Path root) {
        List<Module> modules = modules(root);
        List<String> services = modules.stream().filter(Module::isService).map(Module::artifactId).toList();
        List<String> out = new ArrayList<>();
        for (Module module : modules) {
            for (Map.Entry<String, String> dep : module.dependencies().entrySet()) {
                boolean onService = services.contains(dep.getKey());
                // a pom-type, test-scoped dependency only orders the build (the launcher starts the built jars)
                boolean buildOrderOnly = dep.getValue().contains("<type>pom</type>");
                if (module.isService() && onService && !buildOrderOnly) {
                    out.add(module.artifactId() + " depends on service module " + dep.getKey());
                }
                if (module.artifactId().equals("benchmarks") && onService
                        && !dep.getValue().replaceAll("\\s", "").contains(
                                "<exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>")) {
                    out.add("benchmarks depends on " + dep.getKey() + " with its Spring Boot dependencies; exclude "
                            + "them (*:*) and depend on the plain modules the engines need");
                }
            }
        }
        return out;
    }
}

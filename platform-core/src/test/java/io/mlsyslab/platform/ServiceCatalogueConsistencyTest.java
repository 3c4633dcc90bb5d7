package io.mlsyslab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.test.arch.ModuleGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The service-to-service URLs, the gateway and the platform defaults derive from {@link ServiceCatalogue} in code
 * (nothing in their configuration lists the services); the files that must still spell a service out (each
 * service's application.yml with its name and port, docker-compose, the Kubernetes base) agree with it. Nothing here
 * lists a service by hand.
 */
class ServiceCatalogueConsistencyTest {

    private final Path root = ModuleGraph.repositoryRoot();

    @Test
    void platformDefaultsListNoServiceTheCatalogueAlreadyNames() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/mlsyslab-defaults.properties")) {
            defaults.load(in);
        }
        assertThat(defaults.stringPropertyNames()).noneMatch(k -> k.startsWith("mlsyslab.services.urls."));
    }

    @Test
    void servicesPropertiesFallBackToTheCatalogue() {
        ServicesProperties p = new ServicesProperties(Map.of("network", "http://network:9000"), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        assertThat(p.urls()).containsEntry("network", "http://network:9000")
                .containsEntry("analytics", "http://localhost:8085").hasSize(ServiceCatalogue.services().size());
    }

    @Test
    void eachServiceModuleRunsUnderItsCatalogueNameAndPort() throws IOException {
        for (ServiceCatalogue.Service s : ServiceCatalogue.services()) {
            Map<String, Object> yml = yaml(root.resolve(s.name() + "-service/src/main/resources/application.yml"));
            assertThat(at(yml, "spring", "application", "name")).as(s.name()).isEqualTo(s.name());
            assertThat(at(yml, "mlsyslab", "service-name")).as(s.name()).isEqualTo(s.name());
            assertThat(String.valueOf(at(yml, "server", "port")))
                    .isEqualTo("${" + s.envName() + "_PORT:" + s.port() + "}");
        }
    }

    @Test
    void theGatewayListsNoServiceItsRoutesComeFromTheCatalogue() throws IOException {
        // gateway's ServiceRoutes/ServiceTargets build the routes from the catalogue (tested in the gateway module)
        Map<String, Object> yml = yaml(root.resolve("gateway/src/main/resources/application.yml"));
        assertThat(at(yml, "mlsyslab", "gateway")).isInstanceOf(Map.class);
        assertThat(at(yml, "mlsyslab", "gateway", "services")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void dockerComposeRunsEveryCatalogueServiceOnItsPort() throws IOException {
        Map<String, Object> compose = yaml(root.resolve("docker-compose.yml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> gatewayEnv = (Map<String, Object>) at(compose, "services", "gateway", "environment");
        List<String> gatewayDependsOn = List.copyOf(((Map<String, Object>) at(compose, "services", "gateway",
                "depends_on")).keySet());
        for (ServiceCatalogue.Service s : ServiceCatalogue.services()) {
            assertThat(services).as("compose services").containsKey(s.name());
            Map<String, Object> env = (Map<String, Object>) at(compose, "services", s.name(), "environment");
            assertThat(String.valueOf(env.get(s.envName() + "_PORT"))).as(s.name()).isEqualTo(String.valueOf(s.port()));
            assertThat((List<Object>) at(compose, "services", s.name(), "expose")).extracting(String::valueOf)
                    .contains(String.valueOf(s.port()));
            assertThat(env.get("MLSYSLAB_SERVICES_URLS_" + s.envName())).isEqualTo(s.url(s.name()));
            assertThat(gatewayEnv.get(s.envName() + "_URL")).isEqualTo(s.url(s.name()));
            assertThat(gatewayDependsOn).contains(s.name());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesBaseRunsEveryCatalogueServiceOnItsPortAndPointsAtIt() throws IOException {
        Path base = root.resolve("k8s/base");
        List<Object> resources = (List<Object>) yaml(base.resolve("kustomization.yaml")).get("resources");
        Map<String, Map<String, Object>> configMaps = new java.util.HashMap<>();
        for (Object doc : new Yaml().loadAll(Files.readString(base.resolve("config.yaml")))) {
            Map<String, Object> object = (Map<String, Object>) doc;
            configMaps.put(String.valueOf(at(object, "metadata", "name")), (Map<String, Object>) object.get("data"));
        }
        Map<String, Object> shared = configMaps.get("mlsyslab-services");
        Map<String, Object> gateway = configMaps.get("gateway");
        assertThat(shared.keySet().stream().filter(k -> k.startsWith("MLSYSLAB_SERVICES_URLS_")))
                .hasSize(ServiceCatalogue.services().size());
        for (ServiceCatalogue.Service s : ServiceCatalogue.services()) {
            assertThat(resources).as("k8s/base resources").contains(s.name() + ".yaml");
            assertThat(shared.get("MLSYSLAB_SERVICES_URLS_" + s.envName())).as(s.name()).isEqualTo(s.url(s.name()));
            assertThat(gateway.get(s.envName() + "_URL")).as(s.name()).isEqualTo(s.url(s.name()));
            boolean workload = false;
            boolean service = false;
            for (Object doc : new Yaml().loadAll(Files.readString(base.resolve(s.name() + ".yaml")))) {
                Map<String, Object> object = (Map<String, Object>) doc;
                if (!s.name().equals(at(object, "metadata", "name"))) {
                    continue;
                }
                String kind = String.valueOf(object.get("kind"));
                if (kind.equals("Deployment") || kind.equals("StatefulSet")) {
                    List<Object> containers = (List<Object>) at(object, "spec", "template", "spec", "containers");
                    List<Object> ports = (List<Object>) ((Map<String, Object>) containers.getFirst()).get("ports");
                    assertThat(((Map<String, Object>) ports.getFirst()).get("containerPort")).as(s.name())
                            .isEqualTo(s.port());
                    workload = true;
                } else if (kind.equals("Service")) {
                    List<Object> ports = (List<Object>) at(object, "spec", "ports");
                    assertThat(((Map<String, Object>) ports.getFirst()).get("port")).as(s.name()).isEqualTo(s.port());
                    service = true;
                }
            }
            assertThat(workload).as(s.name() + " workload").isTrue();
            assertThat(service).as(s.name() + " Service").isTrue();
        }
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            assertThat(node).as("path " + String.join(".", keys)).isInstanceOf(Map.class);
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }
}

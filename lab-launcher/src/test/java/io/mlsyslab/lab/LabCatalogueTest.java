package io.mlsyslab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.ServiceCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./lab catalogue} (what the lab script reads to know which jars to build) and the launcher's apps come from
 * platform-api's ServiceCatalogue: every module it names is a module of the build, and the ports follow the
 * environment over the catalogue's defaults. Nothing here names a service.
 */
class LabCatalogueTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void oneLinePerAppNamingABuiltModuleAndItsPort() throws IOException {
        ServiceCatalogue.Service moved = ServiceCatalogue.services().getLast();
        LabConfig config = LabConfig.fromEnvironment(ROOT, Map.of("LAB_GATEWAY_PORT", "18080",
                "LAB_" + moved.envName() + "_PORT", "19999"));
        List<String[]> lines = Lab.catalogueLines(config).stream().map(l -> l.split("\t")).toList();
        assertThat(lines).hasSize(ServiceCatalogue.services().size() + 1);
        assertThat(lines.getFirst()).containsExactly("gateway", "18080", "-", "false", "gateway");
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        for (int i = 0; i < ServiceCatalogue.services().size(); i++) {
            ServiceCatalogue.Service s = ServiceCatalogue.services().get(i);
            String[] line = lines.get(i + 1);
            int port = s == moved ? 19999 : s.port();
            assertThat(line).containsExactly(s.name(), Integer.toString(port), s.routePrefix(),
                    Boolean.toString(s.dataPlane()), line[4]);
            assertThat(rootPom).as("root pom builds " + line[4]).contains("<module>" + line[4] + "</module>");
            assertThat(Files.readString(ROOT.resolve(line[4]).resolve("pom.xml")))
                    .contains("<artifactId>" + line[4] + "</artifactId>");
            assertThat(config.servicePorts().get(s.name())).isEqualTo(port);
        }
        assertThat(config.servicePorts().keySet()).containsExactlyElementsOf(ServiceCatalogue.names());
    }
}

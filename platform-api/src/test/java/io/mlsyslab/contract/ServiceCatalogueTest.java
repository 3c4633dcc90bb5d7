package io.mlsyslab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ServiceCatalogueTest {

    @Test
    void namesPortsAndPrefixesAreUniqueAndThePatternListsExactlyTheNames() {
        var services = ServiceCatalogue.services();
        assertThat(new HashSet<>(ServiceCatalogue.names())).hasSize(services.size());
        assertThat(services.stream().map(ServiceCatalogue.Service::port).distinct()).hasSize(services.size());
        assertThat(services).allSatisfy(s -> {
            assertThat(s.name()).matches("[a-z][a-z0-9-]*");
            assertThat(s.port()).isNotEqualTo(ServiceCatalogue.GATEWAY_PORT);
            assertThat(s.routePrefix()).isEqualTo("/api/" + s.name());
        });
        assertThat(ServiceCatalogue.NAME_PATTERN).isEqualTo(String.join("|", ServiceCatalogue.names()));
        assertThat(ServiceCatalogue.find("network").orElseThrow().url("localhost")).isEqualTo("http://localhost:8084");
        assertThat(ServiceCatalogue.find("nowhere")).isEmpty();
        assertThat(ServiceCatalogue.find("storage").orElseThrow().envName()).isEqualTo("STORAGE");
    }
}

package io.mlsyslab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.contract.ServiceCatalogue;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ServiceTargetsTest {

    @Test
    void withNothingConfiguredEveryCatalogueServiceIsOnLocalhostAtItsPortInCatalogueOrder() {
        ServiceTargets targets = ServiceTargets.resolve(Map.of(), name -> null);
        assertThat(targets.urls().keySet()).containsExactlyElementsOf(ServiceCatalogue.names());
        ServiceCatalogue.services().forEach(s -> assertThat(targets.urls().get(s.name()))
                .isEqualTo(URI.create("http://localhost:" + s.port())));
    }

    @Test
    void thePropertyWinsOverTheUrlVariableWhichWinsOverTheDefault() {
        ServiceCatalogue.Service first = ServiceCatalogue.services().get(0);
        ServiceCatalogue.Service second = ServiceCatalogue.services().get(1);
        Map<String, String> variables = new HashMap<>();
        variables.put(ServiceTargets.urlVariable(first), "http://from-variable:1");
        variables.put(ServiceTargets.urlVariable(second), " http://second:2 ");
        ServiceTargets targets = ServiceTargets.resolve(Map.of(first.name(), URI.create("http://from-property:9")),
                variables::get);
        assertThat(targets.urls().get(first.name())).isEqualTo(URI.create("http://from-property:9"));
        assertThat(targets.urls().get(second.name())).isEqualTo(URI.create("http://second:2"));
        assertThat(ServiceTargets.urlVariable(first)).isEqualTo(first.name().toUpperCase() + "_URL");
    }

    @Test
    void aBadUrlVariableIsNamedAtStartUp() {
        ServiceCatalogue.Service s = ServiceCatalogue.services().get(2);
        String variable = ServiceTargets.urlVariable(s);
        assertThatThrownBy(() -> ServiceTargets.resolve(Map.of(), name -> name.equals(variable) ? "ftp://x" : null))
                .hasMessageStartingWith(variable + ": must be an absolute http(s) URL");
        assertThatThrownBy(() -> ServiceTargets.resolve(Map.of(), name -> name.equals(variable) ? "no host" : null))
                .hasMessageStartingWith(variable + ":");
    }

    @Test
    void pathsMustLieUnderACatalogueService() {
        List<String> underEach = ServiceCatalogue.services().stream().map(s -> s.routePrefix() + "/x/**").toList();
        ServiceTargets.checkUnderCatalogueServices(underEach, "p");
        assertThatThrownBy(() -> ServiceTargets.checkUnderCatalogueServices(List.of("/api/nope/x"), "p.q"))
                .hasMessageStartingWith("p.q: /api/nope/x lies under no service of the catalogue");
        // a prefix of a name is not the service: /api/storagex is not /api/storage
        String prefix = ServiceCatalogue.services().get(0).routePrefix();
        assertThatThrownBy(() -> ServiceTargets.checkUnderCatalogueServices(List.of(prefix + "x/y"), "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gatewayPropertiesRefuseNamesOutsideTheCatalogue() {
        GatewayProperties.Upstream upstream = new GatewayProperties.Upstream(Duration.ofMillis(500),
                Duration.ofMillis(1500), Map.of("nope", Duration.ofSeconds(1)), List.of());
        assertThatThrownBy(() -> new GatewayProperties(Map.of(), null, null, null,
                new GatewayProperties.RateLimit(1, 1, Map.of(), null), upstream,
                new GatewayProperties.Breaker(20, 10, 50, Duration.ofSeconds(10), 3),
                new GatewayProperties.Cors(List.of(), List.of(), List.of(), List.of(), false, Duration.ZERO),
                DataSize.ofMegabytes(1), Duration.ofSeconds(10)))
                .hasMessageStartingWith("mlsyslab.gateway.upstream.response-start-timeouts.nope: not a service");
        assertThatThrownBy(() -> new GatewayProperties(Map.of("nope", URI.create("http://x:1")), null, null, null,
                new GatewayProperties.RateLimit(1, 1, Map.of(), null),
                new GatewayProperties.Upstream(Duration.ofMillis(500), Duration.ofMillis(1500), Map.of(), List.of()),
                new GatewayProperties.Breaker(20, 10, 50, Duration.ofSeconds(10), 3),
                new GatewayProperties.Cors(List.of(), List.of(), List.of(), List.of(), false, Duration.ZERO),
                DataSize.ofMegabytes(1), Duration.ofSeconds(10)))
                .hasMessageStartingWith("mlsyslab.gateway.services.nope: not a service of the catalogue");
    }
}

package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.gateway.config.ServiceTargets;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;

/**
 * The running gateway's routes are exactly those the service catalogue implies: nothing here names a service, so a
 * service added to the catalogue is routed (and checked) without touching the gateway's configuration.
 */
class CatalogueRoutesTest extends GatewayTestBase {

    @Autowired
    RouteLocator routes;

    @Autowired
    ServiceTargets targets;

    @Test
    void everyCatalogueServiceHasItsApiAndDocsRouteToItsTarget() {
        Map<String, Route> byId = routes.getRoutes().collectList().block().stream()
                .collect(Collectors.toMap(Route::getId, r -> r));
        assertThat(targets.urls().keySet()).containsExactlyElementsOf(ServiceCatalogue.names());
        for (ServiceCatalogue.Service s : ServiceCatalogue.services()) {
            URI target = targets.urls().get(s.name());
            assertThat(target).as(s.name()).isEqualTo(URI.create(UPSTREAMS.urls().get(s.name())));
            assertThat(byId).as(s.name()).containsKeys(s.name(), s.name() + "-docs");
            assertThat(byId.get(s.name()).getUri()).isEqualTo(target);
            assertThat(byId.get(s.name() + "-docs").getUri()).isEqualTo(target);
        }
        // every route (slow routes included) belongs to a catalogue service
        List<String> owners = byId.keySet().stream().map(id -> id.replaceFirst("-(docs|slow-\\d+)$", "")).toList();
        assertThat(ServiceCatalogue.names()).containsAll(owners);
    }
}

package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The public, read-only surface: docs UI, per-service OpenAPI documents, probes and metrics, all without a key. */
class DocsAndActuatorTest extends GatewayTestBase {

    @Test
    void docsLeadsToTheSwaggerUi() {
        String location = client().get().uri("/docs")
                .exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(location).endsWith("/index.html");
        client().get().uri(location)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
    }

    @Test
    void swaggerConfigListsEveryServiceThroughTheGatewayDocsRoute() {
        client().get().uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls.length()").isEqualTo(5)
                .jsonPath("$.urls[?(@.name == 'storage')].url").isEqualTo("/docs/api/storage")
                .jsonPath("$.urls[?(@.name == 'inference')].url").isEqualTo("/docs/api/inference")
                .jsonPath("$.urls[?(@.name == 'training')].url").isEqualTo("/docs/api/training")
                .jsonPath("$.urls[?(@.name == 'network')].url").isEqualTo("/docs/api/network")
                .jsonPath("$.urls[?(@.name == 'analytics')].url").isEqualTo("/docs/api/analytics");
    }

    @Test
    void perServiceDocsRouteForwardsToTheServiceOpenApiDocumentWithoutAKeyKeepingTheGatewayHost() {
        client().get().uri("/docs/api/analytics")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("analytics")
                .jsonPath("$.servers[0].url").isEqualTo("http://localhost:" + port);
    }

    @Test
    void docsOfAStoppedServiceAre503Problem() {
        client().get().uri("/docs/api/inference")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void writingToDocsNeedsAKey() {
        client().post().uri("/docs/api/analytics")
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void livenessAndReadinessGroupsAreUpWithoutAKey() {
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusCarriesTheApplicationTagAndGatewayMetrics() {
        client().get().uri("/api/storage/echo").header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange().expectStatus().isOk();
        client().get().uri("/api/storage/echo").exchange().expectStatus().isUnauthorized();
        client().get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("application=\"gateway\"")
                        .contains("resilience4j_circuitbreaker_state")
                        .contains("name=\"storage\"")
                        .contains("spring_cloud_gateway_requests")
                        // the labels and buckets the Grafana dashboards and alert rules query
                        .containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*httpStatusCode=\"200\""
                                + "[^}]*routeId=\"storage\"[^}]*le=\"[^\"]+\"")
                        .containsPattern("gateway_problems_total\\{application=\"gateway\",status=\"401\"\\} \\d"));
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        client().get().uri("/actuator/env")
                .header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}

package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class RoutingAndAuthTest extends GatewayTestBase {

    @Test
    void forwardsPathAndQueryUnchangedWithPrincipalAndWithoutTheSecret() {
        client().get().uri("/api/storage/echo/a/b?x=1&y=two")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.method").isEqualTo("GET")
                .jsonPath("$.uri").isEqualTo("/api/storage/echo/a/b?x=1&y=two")
                .jsonPath("$.headers['X-Lab-Principal']").isEqualTo("alice")
                .jsonPath("$.headers['X-Lab-Role']").isEqualTo("reader")
                .jsonPath("$.headers.Authorization").doesNotExist();
    }

    @Test
    void routesEachServiceToItsOwnUpstream() {
        client().get().uri("/api/analytics/whatever")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.uri").isEqualTo("/api/analytics/whatever");
    }

    @Test
    void absoluteLocationOfTheServiceBecomesAGatewayUrl() {
        client().post().uri("/api/storage/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .bodyValue("{}")
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "http://localhost:" + port + "/api/storage/runs/42");
        client().post().uri("/api/storage/runs?relative")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .bodyValue("{}")
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/storage/runs/7");
    }

    @Test
    void spoofedPrincipalHeadersAreReplaced() {
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .header("X-Lab-Principal", "root")
                .header("X-Lab-Role", "admin")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['X-Lab-Principal']").isEqualTo("alice")
                .jsonPath("$.headers['X-Lab-Role']").isEqualTo("reader");
    }

    @Test
    void missingKeyIs401ProblemWithBearerChallenge() {
        client().get().uri("/api/storage/echo")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mlsys-lab\"")
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("Missing API key"))
                .jsonPath("$.instance").isEqualTo("/api/storage/echo")
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void unknownKeyAndNonBearerSchemeAre401() {
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer("not-a-key"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("Unknown API key");
        client().get().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + READER)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void readerMayNotWrite() {
        client().post().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("alice").contains("reader").contains("POST"));
        client().delete().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void writerMayWriteButNotUseAdminOnlyMethods() {
        client().post().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .bodyValue("{\"n\":1}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.method").isEqualTo("POST").jsonPath("$.bodyBytes").isEqualTo(7);
        client().put().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .bodyValue("x")
                .exchange()
                .expectStatus().isOk();
        client().delete().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .exchange()
                .expectStatus().isOk();
        client().options().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(WRITER))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void adminMayDoEverythingAndTheLabKeyIsAnAdmin() {
        client().options().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.method").isEqualTo("OPTIONS");
        client().delete().uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(LAB_SECRET))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['X-Lab-Principal']").isEqualTo("lab-admin");
    }

    @Test
    void upstreamProblemJsonPassesThroughUntouched() {
        client().get().uri("/api/storage/problem")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(StubUpstreams.PROBLEM_BODY);
    }

    @Test
    void unknownRouteIs404Problem() {
        client().get().uri("/api/nosuchservice/x")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.instance").isEqualTo("/api/nosuchservice/x")
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void traceIs405ProblemWithAllow() {
        client().method(HttpMethod.valueOf("TRACE")).uri("/api/storage/echo")
                .header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
                .expectBody().jsonPath("$.status").isEqualTo(405);
    }

    @Test
    void wrongMethodOnAGatewayEndpointIs405Problem() {
        client().post().uri("/actuator/health")
                .header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(405).jsonPath("$.requestId").isNotEmpty();
    }
}

package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client that keeps its connections (as SDK sessions and WebClient do) sends requests back to back, mixing
 * proxied answers, the gateway's own answers (401) and actuator endpoints; every one must be answered. Without
 * OneRequestPerConnection, Reactor Netty 1.3.6 left requests of such clients unanswered: a raw-socket client reusing
 * one connection hung within a few dozen requests, and this suite's own WebTestClient calls hung now and then. The
 * gateway now closes each connection after its answer, which this test checks too.
 */
class KeepAliveTest extends GatewayTestBase {

    @Test
    void everyRequestOfAConnectionReusingClientIsAnswered() {
        WebTestClient session = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(5))
                .build();
        List<Integer> statuses = new ArrayList<>();
        List<List<String>> connectionHeaders = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            EntityExchangeResult<byte[]> proxied = session.get().uri("/api/storage/echo")
                    .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                    .exchange().expectBody().returnResult();
            connectionHeaders.add(proxied.getResponseHeaders().getConnection());
            statuses.add(proxied.getStatus().value());
            statuses.add(session.get().uri("/api/storage/echo").exchange().expectBody().returnResult().getStatus().value());
            statuses.add(session.get().uri("/actuator/health/liveness").exchange().expectBody().returnResult()
                    .getStatus().value());
        }
        assertThat(statuses).hasSize(450).containsOnly(200, 401);
        assertThat(connectionHeaders).allSatisfy(values -> assertThat(values).containsExactly("close"));
    }
}

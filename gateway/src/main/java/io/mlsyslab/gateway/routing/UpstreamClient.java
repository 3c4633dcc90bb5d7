package io.mlsyslab.gateway.routing;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Runs the connections to the services on the server's own event loops. Together with one upstream connection
 * per request (application.yml: {@code httpclient.pool.type: DISABLED}), Reactor Netty then opens each upstream
 * connection on the thread of the client connection it serves, so a proxied response is written and completed on
 * that connection's event loop. Written from a foreign loop instead (the default: separate client loops, pooled
 * connections from any loop), Reactor Netty 1.3.6 and 1.3.7 stop reading a keep-alive client connection after a
 * few dozen requests that mix proxied answers and the gateway's own (401, 429...), and the client's next request
 * hangs; KeepAliveTest shows it within 450 requests without either half of this set-up.
 */
@Configuration(proxyBeanMethods = false)
public class UpstreamClient {

    @Bean
    HttpClientCustomizer colocatedUpstreamLoops(ReactorResourceFactory resources) {
        return httpClient -> httpClient.runOn(resources.getLoopResources());
    }
}

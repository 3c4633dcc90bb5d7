package io.mlsyslab.gateway.config;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client connections to the gateway serve one request each (the answer carries {@code Connection: close}).
 * Reactor Netty 1.3.6 and 1.3.7 can stop reading a keep-alive connection once an exchange has completed off the
 * connection's event loop (a proxied answer, an actuator endpoint on the bounded-elastic pool), so the client's next
 * request on it hangs until the client gives up (reactor-netty#4347, #4361). KeepAliveTest reproduces that within a
 * few hundred requests; colocating the upstream connections on the server's loops only made it rarer. A fresh TCP
 * connection per request costs a handshake, which on loopback or inside a cluster is small next to a hang. Remove
 * this once Reactor Netty ships the fix.
 */
@Configuration(proxyBeanMethods = false)
public class OneRequestPerConnection {

    @Bean
    NettyServerCustomizer closeConnectionAfterEachRequest() {
        return server -> server.maxKeepAliveRequests(1);
    }
}

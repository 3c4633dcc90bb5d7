package io.mlsyslab.gateway.errors;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/** Puts a {@link MalformedRequestGuard} behind the HTTP decoder of every client connection. */
@Configuration(proxyBeanMethods = false)
public class MalformedRequestAnswers {

    @Bean
    NettyServerCustomizer problemJsonForMalformedRequests(JsonMapper json, MeterRegistry meters) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "mlsyslab.malformedRequestGuard",
                        new MalformedRequestGuard(json, meters));
            }
        });
    }
}

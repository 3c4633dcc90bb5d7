package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * SSE passes through unbuffered and is not cut by the response-start timeout: the stub holds its stream open until
 * the client has seen the first event, then stays silent for longer than the timeout before the second.
 */
class StreamingTest extends GatewayTestBase {

    @Test
    void firstEventArrivesWhileTheUpstreamStreamIsStillOpenAndTheStreamOutlivesTheTimeout() {
        List<String> data = new ArrayList<>();
        List<Boolean> upstreamFinishedAtEvent = new ArrayList<>();
        List<ServerSentEvent<String>> events = WebClient.create("http://localhost:" + port)
                .get().uri("/api/storage/events")
                .header(HttpHeaders.AUTHORIZATION, bearer(READER))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .doOnNext(event -> {
                    upstreamFinishedAtEvent.add(UPSTREAMS.streamFinished.get());
                    data.add(event.data());
                    UPSTREAMS.firstEventSeen.countDown();
                })
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(data).containsExactly("one", "two");
        assertThat(upstreamFinishedAtEvent.getFirst())
                .as("first event must reach the client before the upstream ends the stream")
                .isFalse();
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("1", "2");
        assertThat(events).extracting(ServerSentEvent::event).containsOnly("progress");
    }
}

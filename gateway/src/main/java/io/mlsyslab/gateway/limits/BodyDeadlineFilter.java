package io.mlsyslab.gateway.limits;

import io.mlsyslab.gateway.config.FilterOrder;
import io.mlsyslab.gateway.config.GatewayProperties;
import io.mlsyslab.gateway.errors.GatewayProblem;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A slow or missing request body is the client's problem, never the service's: it must not hold a service
 * connection, eat the service's response-start budget, or count against its circuit breaker. So bodies are read
 * under their own budget, {@code mlsyslab.gateway.request-body-timeout}, and a client that misses it gets 408:
 * <ul>
 * <li>ordinary routes: the whole body is read into memory (it is at most {@code max-request-body}) before the service
 * is called, and must arrive within the budget; the service then receives it at once, with its exact
 * Content-Length. A GET declaring {@code Content-Length: 10} and sending nothing never reaches the service.</li>
 * <li>routes with their own body limit ({@link BodyRoutes#isStreamed}, uploads of hundreds of MB): the body flows to
 * the service as it arrives, and the client may not pause longer than the budget between reads. While such a body is
 * still arriving, the service's response-start budget running out is also the client's fault (see
 * {@link #isStillArriving}).</li>
 * </ul>
 * A body that breaks off (the client went away, malformed chunks) fails as a 400 from the client, for the same reason.
 */
@Component
public class BodyDeadlineFilter implements WebFilter, Ordered {

    private static final String STILL_ARRIVING = BodyDeadlineFilter.class.getName() + ".stillArriving";

    private final BodyRoutes bodyRoutes;
    private final Duration timeout;

    public BodyDeadlineFilter(BodyRoutes bodyRoutes, GatewayProperties properties) {
        this.bodyRoutes = bodyRoutes;
        this.timeout = properties.requestBodyTimeout();
    }

    /** Whether this exchange has a body that flows to the service as it arrives (and so cannot be sent twice). */
    public static boolean hasStreamedBody(ServerWebExchange exchange) {
        return exchange.getAttribute(STILL_ARRIVING) != null;
    }

    /** Whether this exchange's streamed body had not been read to its end yet. */
    public static boolean isStillArriving(ServerWebExchange exchange) {
        AtomicBoolean arriving = exchange.getAttribute(STILL_ARRIVING);
        return arriving != null && arriving.get();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        if (bodyRoutes.isStreamed(request.getPath().pathWithinApplication())) {
            return chain.filter(exchange.mutate().request(streamed(exchange)).build());
        }
        return readWhole(request)
                .flatMap(body -> chain.filter(exchange.mutate().request(buffered(request, body)).build()));
    }

    /** HTTP/1.1 framing: a request has a body exactly when it declares a length or a transfer coding. */
    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private Mono<byte[]> readWhole(ServerHttpRequest request) {
        long declared = request.getHeaders().getContentLength();
        return DataBufferUtils.join(request.getBody())
                .timeout(timeout, Mono.error(() -> tooSlow("did not arrive within")))
                .onErrorMap(error -> !(error instanceof GatewayProblem), BodyDeadlineFilter::brokenOff)
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> declared >= 0 && bytes.length != declared
                        ? Mono.error(new GatewayProblem(400, "Request body ended after " + bytes.length
                                + " of its " + declared + " declared bytes"))
                        : Mono.just(bytes));
    }

    /**
     * The request as the service gets it: the bytes already read, replayable (a retried GET sends them again), with
     * their exact length; the client's {@code Expect: 100-continue} has been answered here and means nothing upstream.
     */
    private static ServerHttpRequest buffered(ServerHttpRequest request, byte[] body) {
        ServerHttpRequest framed = request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.remove(HttpHeaders.EXPECT);
            headers.setContentLength(body.length);
        }).build();
        return new ServerHttpRequestDecorator(framed) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }

    private ServerHttpRequest streamed(ServerWebExchange exchange) {
        AtomicBoolean arriving = new AtomicBoolean(true);
        exchange.getAttributes().put(STILL_ARRIVING, arriving);
        return new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                // Flux.timeout bounds the wait for the first read and for each read after the one before
                return super.getBody()
                        .timeout(timeout, Flux.error(() -> tooSlow("paused longer than")))
                        .onErrorMap(error -> !(error instanceof GatewayProblem), BodyDeadlineFilter::brokenOff)
                        .doOnComplete(() -> arriving.set(false));
            }
        };
    }

    private GatewayProblem tooSlow(String what) {
        return new GatewayProblem(408, "Request body " + what + " the request-body budget of " + timeout.toMillis()
                + " ms");
    }

    private static GatewayProblem brokenOff(Throwable error) {
        return new GatewayProblem(400, "Request body could not be read to its end (" + error.getClass().getSimpleName()
                + ")");
    }

    @Override
    public int getOrder() {
        return FilterOrder.BODY_DEADLINE;
    }
}

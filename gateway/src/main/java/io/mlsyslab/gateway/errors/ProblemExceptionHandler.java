package io.mlsyslab.gateway.errors;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.gateway.requestid.RequestIds;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error the gateway produces as RFC 9457 {@code application/problem+json} with the request id.
 * Errors from services are not seen here: their responses, problem+json included, are passed through untouched.
 * Ordered before Spring Boot's default handler, which would answer with its own JSON shape.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final JsonMapper json;
    private final MeterRegistry meters;

    public ProblemExceptionHandler(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // a stream already under way cannot become a problem document; closing it is all that is left
            return Mono.error(error);
        }
        Problem problem = classify(exchange, error);
        // answers the gateway gave instead of a service: 401/403/429 spikes and 503s show up here by status
        meters.counter("gateway.problems", "status", Integer.toString(problem.status())).increment();
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach(headers::set);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem.body(exchange)));
        return response.writeWith(Mono.just(body));
    }

    private Problem classify(ServerWebExchange exchange, Throwable error) {
        if (error instanceof GatewayProblem p) {
            return new Problem(p.status(), p.getMessage(), p.headers());
        }
        if (error instanceof ResponseStatusException rse) {
            int status = rse.getStatusCode().value();
            Map<String, String> headers = new LinkedHashMap<>();
            rse.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return switch (status) {
                case 404 -> new Problem(404, "No route or resource for " + exchange.getRequest().getPath().value(), headers);
                case 405 -> new Problem(405, "Method " + exchange.getRequest().getMethod() + " is not allowed on "
                        + exchange.getRequest().getPath().value(), headers);
                case 502, 504 -> new Problem(503, "The service did not answer in time", Map.of());
                default -> status >= 500
                        ? internal(exchange, error)
                        : new Problem(status, rse.getReason() != null ? rse.getReason() : rse.getMessage(), headers);
            };
        }
        if (error instanceof ConnectException || error.getCause() instanceof ConnectException) {
            return new Problem(503, "The service is not reachable", Map.of());
        }
        return internal(exchange, error);
    }

    private Problem internal(ServerWebExchange exchange, Throwable error) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, RequestIds.of(exchange))) {
            LOG.error("Unexpected gateway error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), error);
        }
        return new Problem(500, "Unexpected gateway error; quote the request id when reporting it", Map.of());
    }

    private record Problem(int status, String detail, Map<String, String> headers) {

        Map<String, Object> body(ServerWebExchange exchange) {
            return ProblemBody.of(status, detail, exchange.getRequest().getPath().value(), RequestIds.of(exchange));
        }
    }
}

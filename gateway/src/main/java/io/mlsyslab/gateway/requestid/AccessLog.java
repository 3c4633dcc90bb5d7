package io.mlsyslab.gateway.requestid;

import io.mlsyslab.gateway.auth.ApiKey;
import io.mlsyslab.gateway.auth.CallerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * One line per exchange on logger {@code io.mlsyslab.gateway.access}. The request id goes into the MDC (key
 * {@code requestId}) for the duration of the call, so the log pattern shows it like on any other line.
 */
@Component
public class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.mlsyslab.gateway.access");

    public void log(ServerWebExchange exchange, long startNanos, boolean cancelled) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        ApiKey key = CallerFilter.keyOf(exchange);
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, RequestIds.of(exchange))) {
            LOG.info("{} {} {} {}ms key={}{}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    status == null ? "-" : status.value(),
                    millis,
                    key == null ? "-" : key.name(),
                    cancelled ? " (client went away)" : "");
        }
    }
}

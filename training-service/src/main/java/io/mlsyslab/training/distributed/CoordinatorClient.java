package io.mlsyslab.training.distributed;

import io.mlsyslab.training.transport.TransportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A worker's HTTP calls to its coordinator; retries connection errors for {@code patience}, then gives up. */
final class CoordinatorClient {
    private final HttpClient http;
    private final String base;
    private final Duration patience;

    CoordinatorClient(String base, Duration patience) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.patience = patience;
    }

    /** Response status and body. */
    record Reply(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Reply post(String pathAndQuery, byte[] body) {
        return call(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Reply get(String pathAndQuery) {
        return call(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET()
                .build());
    }

    private Reply call(HttpRequest request) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 410) {
                    throw new TransportException("run failed at the coordinator: "
                            + new String(r.body(), StandardCharsets.UTF_8));
                }
                if (r.statusCode() >= 400) {
                    throw new TransportException("coordinator answered " + r.statusCode() + " to "
                            + request.uri().getPath() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                }
                return new Reply(r.statusCode(), r.body());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new TransportException("coordinator " + base + " unreachable for " + patience.toSeconds()
                            + " s: " + e, e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new TransportException("interrupted", ie);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted", e);
            }
        }
    }
}

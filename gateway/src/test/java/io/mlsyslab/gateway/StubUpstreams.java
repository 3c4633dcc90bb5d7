package io.mlsyslab.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP servers on random ports standing in for the five services, started once per test JVM:
 * <ul>
 * <li>storage: healthy; echoes what it received, answers problem+json, streams SSE</li>
 * <li>inference: down (a port nobody listens on)</li>
 * <li>training: hung (reads requests, never answers), or closing connections unanswered once ({@link RawUpstream})</li>
 * <li>network: down, reserved for the circuit-breaker test</li>
 * <li>analytics: healthy; serves an OpenAPI document at /v3/api-docs</li>
 * </ul>
 */
public final class StubUpstreams {

    public static final String PROBLEM_BODY =
            "{\"type\":\"https://example.org/conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"upstream says no\"}";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StubUpstreams instance;

    private final Map<String, String> urls = new LinkedHashMap<>();
    /** Released by the streaming test once it has seen the first SSE event. */
    public final CountDownLatch firstEventSeen = new CountDownLatch(1);
    /** Set by the SSE stub once it has written its last event and closed the stream. */
    public final AtomicBoolean streamFinished = new AtomicBoolean();
    /** The training service: hung, except on paths with "/flaky/" (see {@link RawUpstream}). */
    public final RawUpstream training = new RawUpstream();
    /** Requests the echo stubs received, by path: shows whether a request reached a service at all. */
    private static final Map<String, AtomicInteger> ECHOED = new ConcurrentHashMap<>();

    private StubUpstreams() throws IOException {
        urls.put("storage", start(storage()));
        urls.put("inference", "http://127.0.0.1:" + unusedPort());
        urls.put("training", training.url());
        urls.put("network", "http://127.0.0.1:" + unusedPort());
        urls.put("analytics", start(analytics()));
    }

    public static synchronized StubUpstreams get() {
        if (instance == null) {
            try {
                instance = new StubUpstreams();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public Map<String, String> urls() {
        return urls;
    }

    /** How many requests for this path an echo stub has answered or begun to read. */
    public int echoed(String path) {
        AtomicInteger count = ECHOED.get(path);
        return count == null ? 0 : count.get();
    }

    private static HttpServer storage() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/storage/echo", StubUpstreams::echo);
        server.createContext("/api/storage/problem", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            send(exchange, 409, PROBLEM_BODY);
        });
        server.createContext("/api/storage/events", exchange -> get().sse(exchange));
        server.createContext("/api/storage/runs", exchange -> {
            // like a service that builds Location from its own address
            String self = "http://127.0.0.1:" + server.getAddress().getPort();
            String location = exchange.getRequestURI().getQuery() != null ? "/api/storage/runs/7" : self + "/api/storage/runs/42";
            exchange.getResponseHeaders().set("Location", location);
            send(exchange, 202, "{}");
        });
        return server;
    }

    private static HttpServer analytics() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/api-docs", exchange -> {
            // like springdoc: the servers URL comes from the Host header of the request
            String host = exchange.getRequestHeaders().getFirst("Host");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // and which X-Lab-* headers reached the service on this public route (none may)
            List<String> labHeaders = exchange.getRequestHeaders().keySet().stream()
                    .filter(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-lab-")).sorted().toList();
            send(exchange, 200, "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"analytics\",\"version\":\"1\"},"
                    + "\"servers\":[{\"url\":\"http://" + host + "\"}],\"paths\":{},\"x-received-lab-headers\":"
                    + JSON.writeValueAsString(labHeaders) + "}");
        });
        server.createContext("/api/analytics", StubUpstreams::echo);
        // a synchronous computation that answers after 1.5 s, longer than the tests' 1 s response-start timeout
        server.createContext("/api/analytics/compute", exchange -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            send(exchange, 200, "{\"done\":true}");
        });
        return server;
    }

    /** Answers what arrived: method, path with query, selected headers and the body size. */
    private static void echo(HttpExchange exchange) throws IOException {
        ECHOED.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("method", exchange.getRequestMethod());
        seen.put("uri", exchange.getRequestURI().toString());
        seen.put("bodyBytes", body.length);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("X-Request-Id", "Authorization", "X-Lab-Principal", "X-Lab-Role", "X-Lab-Signature",
                "X-Lab-Signed-At", "X-Forwarded-For")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        seen.put("headers", headers);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, JSON.writeValueAsString(seen));
    }

    /**
     * First event at once, then wait until the test has seen it (or 10 s), then pause longer than the gateway's
     * response-start timeout before the second event: a buffering or time-boxing gateway fails the test.
     */
    private void sse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("id: 1\nevent: progress\ndata: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            firstEventSeen.await(10, TimeUnit.SECONDS);
            Thread.sleep(1_500);
            out.write("id: 2\nevent: progress\ndata: two\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streamFinished.set(true);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String start(HttpServer server) {
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A port that was free a moment ago: connecting to it is refused, like a stopped service. */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

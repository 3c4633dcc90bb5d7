package io.mlsyslab.platform.test;

import io.mlsyslab.contract.RunHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real-HTTP client for integration tests: requests against a running server, JSON bodies as trees. Each
 * request carries a principal signature made with {@link TestSigning#SECRET}, as the gateway would sign it, for
 * {@link TestSigning#ADMIN} unless {@link #as} names another caller; {@link #unsigned()} sends requests exactly as
 * built, like a caller that bypassed the gateway.
 */
public final class HttpJson {

    /** A response with its parsed JSON body (null when the body is not JSON). */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final java.util.Set<String> SIGNING_HEADERS = java.util.Set.of(RunHeaders.PRINCIPAL.toLowerCase(),
            RunHeaders.ROLE.toLowerCase(), RunHeaders.SIGNATURE.toLowerCase(), RunHeaders.SIGNED_AT.toLowerCase());

    /** Who the requests are signed as; null: not signed. */
    private record SignAs(String principal, String role) {}

    private final String base;
    private final String bearer;
    private final SignAs signAs;

    public HttpJson(String base) {
        this(base, null);
    }

    public HttpJson(String base, String bearer) {
        this(base, bearer, new SignAs(TestSigning.ADMIN, "admin"));
    }

    private HttpJson(String base, String bearer, SignAs signAs) {
        this.base = base;
        this.bearer = bearer;
        this.signAs = signAs;
    }

    public HttpJson withBearer(String key) {
        return new HttpJson(base, key, signAs);
    }

    /** The same client signing as {@code principal} with {@code role} (e.g. a writer that is not the owner). */
    public HttpJson as(String principal, String role) {
        return new HttpJson(base, bearer, new SignAs(principal, role));
    }

    /** The same client without signatures: whatever X-Lab-* headers a request sets are sent as they are. */
    public HttpJson unsigned() {
        return new HttpJson(base, bearer, null);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response post(String path, String jsonBody, String... headers) {
        HttpRequest.Builder builder = builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder builder = builder(path).method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** Polls {@code path} until the JSON body satisfies {@code done}; fails after {@code timeout}. */
    public JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response response = get(path);
            last = response.json();
            if (response.status() == 200 && last != null && done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("condition not met within " + timeout + " on " + path + "; last body: " + last);
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(signed(builder.build()), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                body = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request {@code builder} describes, signed like every request this client sends (for another client). */
    public HttpRequest build(HttpRequest.Builder builder) {
        return signed(builder.build());
    }

    /** {@code request} with the signing headers of {@link #signAs}, replacing any the test set itself. */
    private HttpRequest signed(HttpRequest request) {
        if (signAs == null) {
            return request;
        }
        HttpRequest.Builder copy = HttpRequest.newBuilder(request,
                (name, value) -> !SIGNING_HEADERS.contains(name.toLowerCase()));
        TestSigning.headers(signAs.principal(), signAs.role(), request.method(), request.uri()).forEach(copy::header);
        return copy.build();
    }

    public static JsonNode parse(String text) {
        return JSON.readTree(text);
    }
}

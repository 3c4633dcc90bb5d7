package io.mlsyslab.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlsyslab.inference.engine.EngineObserver;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.storage.client.StorageKvClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stored sequence whose delete fails when its slot is released is deleted later by bounded retries with
 * backoff; when every retry fails it is counted once (metric hook), never thrown at the engine thread.
 */
class StorageKvBackendDeleteRetryTest {
    private static final GptConfig SHAPE = new GptConfig(16, 16, 8, 1, 2, 1e-5f);
    private HttpServer server;
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger failDeletes = new AtomicInteger();
    private final List<String> deletes = new CopyOnWriteArrayList<>();
    private volatile boolean deleted;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/storage/kv/sequences", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        if (method.equals("POST")) {
            reply(x, 201, "{\"id\":\"" + id + "\",\"layers\":1,\"kvHeads\":2,\"headDim\":4,\"dtype\":\"f32\","
                    + "\"length\":0,\"bytes\":0}");
        } else if (method.equals("DELETE")) {
            deletes.add(x.getRequestURI().getPath());
            if (failDeletes.getAndDecrement() > 0) {
                reply(x, 503, "{\"detail\":\"busy\"}");
            } else if (deleted) {
                reply(x, 404, "{\"detail\":\"no such sequence\"}");
            } else {
                deleted = true;
                x.sendResponseHeaders(204, -1);
                x.close();
            }
        } else {
            reply(x, 405, "{}");
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private StorageKvBackend backend(AtomicInteger gaveUp) {
        StorageKvClient client = new StorageKvClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5), java.util.Map.of());
        EngineObserver observer = new EngineObserver() {
            @Override
            public void kvDeleteFailed() {
                gaveUp.incrementAndGet();
            }
        };
        return new StorageKvBackend(client, SHAPE, 2, observer, 3, Duration.ofMillis(5));
    }

    @Test
    void aFailedDeleteIsRetriedUntilItSucceeds() throws Exception {
        AtomicInteger gaveUp = new AtomicInteger();
        StorageKvBackend b = backend(gaveUp);
        b.opened(0);
        failDeletes.set(2); // the release's own delete and the first retry fail
        b.released(0);
        await(() -> deleted);
        assertThat(deletes).hasSize(3).allMatch(p -> p.endsWith("/" + id));
        assertThat(b.deleteRetries()).isEqualTo(2);
        assertThat(b.failedDeletes()).isZero();
        assertThat(gaveUp).hasValue(0);
    }

    @Test
    void retriesAreBoundedAndTheGiveUpIsCountedOnce() throws Exception {
        AtomicInteger gaveUp = new AtomicInteger();
        StorageKvBackend b = backend(gaveUp);
        b.opened(1);
        failDeletes.set(100);
        b.released(1);
        await(() -> gaveUp.get() == 1);
        assertThat(b.failedDeletes()).isEqualTo(1);
        assertThat(b.deleteRetries()).isEqualTo(3);
        assertThat(deletes).hasSize(4); // the release's delete + 3 retries, then no more
        assertThat(deleted).isFalse();
    }

    @Test
    void aNotFoundOnRetryCountsAsDeleted() throws Exception {
        AtomicInteger gaveUp = new AtomicInteger();
        StorageKvBackend b = backend(gaveUp);
        b.opened(0);
        deleted = true; // the first delete reached storage but its answer was lost: storage answers 404 now
        failDeletes.set(1);
        b.released(0);
        await(() -> b.deleteRetries() == 1 && deletes.size() == 2);
        assertThat(b.failedDeletes()).isZero();
        assertThat(gaveUp).hasValue(0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}

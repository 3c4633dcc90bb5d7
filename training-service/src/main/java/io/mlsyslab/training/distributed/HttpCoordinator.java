package io.mlsyslab.training.distributed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator of a distributed run: a small HTTP server (JDK {@code HttpServer}) that hands out ranks and the
 * job, relays the workers' synchronisation messages (one mailbox per ordered pair of ranks), receives their
 * reports and the final parameters, and watches their liveness.
 *
 * <p>Endpoints: {@code POST /join} (answers {@code rank\nconfig-json}), {@code POST /send?from&to} (message
 * bytes), {@code GET /recv?from&to} (long poll: 200 with the message, 204 to poll again), {@code POST
 * /report?rank} (report lines), {@code POST /finished?rank} (rank 0: final parameters as little-endian fp32),
 * {@code POST /heartbeat?rank}, {@code POST /failed?rank} (a worker's own error). Once the run has failed every
 * endpoint answers 410 with the reason, which stops the remaining workers.
 *
 * <p>Failure policy: the run fails (it does not continue with fewer workers) when a worker reports an error,
 * when a worker that has joined has not been heard from for {@code workerTimeout} (workers send a heartbeat every
 * second), or when a watched worker process exits before finishing.
 */
public final class HttpCoordinator implements AutoCloseable {
    private final TrainerConfig config;
    private final TrainingReporter reporter;
    private final Duration workerTimeout;
    private final LinkedBlockingQueue<byte[]>[][] mailboxes;
    private final long[] lastSeen;
    private final boolean[] done;
    private int joined;
    private volatile String failure;
    private volatile RuntimeException failureCause;
    private HttpServer server;
    private ExecutorService executor;

    @SuppressWarnings("unchecked")
    public HttpCoordinator(TrainerConfig config, TrainingReporter reporter, Duration workerTimeout) {
        this.config = config;
        this.reporter = reporter;
        this.workerTimeout = workerTimeout;
        int m = config.workers();
        this.mailboxes = new LinkedBlockingQueue[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                mailboxes[i][j] = new LinkedBlockingQueue<>();
            }
        }
        this.lastSeen = new long[m];
        this.done = new boolean[m];
    }

    /** Binds to {@code host} on an ephemeral port and returns the base URL workers use. */
    public String start(String host) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 64);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    /** Fails the run: every later request is answered 410 with {@code reason}. */
    public void fail(String reason, RuntimeException cause) {
        if (failure == null) {
            failureCause = cause;
            failure = reason;
        }
    }

    /** The failure reason, or null. */
    public String failure() {
        return failure;
    }

    /** The exception that failed the run (a worker error, a lost worker, cancellation), or null. */
    public RuntimeException failureCause() {
        return failureCause;
    }

    /** Ranks that have joined. */
    public synchronized int joined() {
        return joined;
    }

    /** Checks liveness; fails the run when a joined, unfinished worker has been silent for too long. */
    public synchronized void checkLiveness() {
        long now = System.nanoTime();
        for (int r = 0; r < joined; r++) {
            if (!done[r] && now - lastSeen[r] > workerTimeout.toNanos()) {
                fail("worker " + r + " lost: no contact for " + workerTimeout.toSeconds() + " s", null);
            }
        }
    }

    /** Whether worker {@code rank} has reported that it finished. */
    public synchronized boolean finished(int rank) {
        return done[rank];
    }

    private synchronized void seen(int rank) {
        lastSeen[rank] = System.nanoTime();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String path = ex.getRequestURI().getPath();
            if (q.containsKey("rank")) {
                seen(rank(q.get("rank")));
            } else if (q.containsKey("to") && path.equals("/recv")) {
                seen(rank(q.get("to")));
            } else if (q.containsKey("from") && path.equals("/send")) {
                seen(rank(q.get("from")));
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String reason = failure;
            if (reason != null) {
                respond(ex, 410, reason.getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (path) {
                case "/join" -> {
                    int rank;
                    synchronized (this) {
                        if (joined == config.workers()) {
                            respond(ex, 409, "run is full".getBytes(StandardCharsets.UTF_8));
                            return;
                        }
                        rank = joined++;
                        lastSeen[rank] = System.nanoTime();
                    }
                    respond(ex, 200, (rank + "\n" + config.toJson()).getBytes(StandardCharsets.UTF_8));
                }
                case "/send" -> {
                    mailboxes[rank(q.get("from"))][rank(q.get("to"))].add(body);
                    respond(ex, 200, new byte[0]);
                }
                case "/recv" -> {
                    byte[] m = mailboxes[rank(q.get("from"))][rank(q.get("to"))].poll(2, TimeUnit.SECONDS);
                    respond(ex, m == null ? 204 : 200, m == null ? new byte[0] : m);
                }
                case "/report" -> {
                    int rank = rank(q.get("rank"));
                    try {
                        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                            if (!line.isEmpty()) {
                                Wire.apply(rank, line, reporter);
                            }
                        }
                    } catch (RuntimeException e) {
                        fail(e.toString(), e);
                        respond(ex, 410, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    respond(ex, 200, new byte[0]);
                }
                case "/finished" -> {
                    int rank = rank(q.get("rank"));
                    reporter.finished(rank, rank == 0 ? Wire.floats(body) : null);
                    synchronized (this) {
                        done[rank] = true;
                    }
                    respond(ex, 200, new byte[0]);
                }
                case "/heartbeat" -> respond(ex, 200, new byte[0]);
                case "/failed" -> {
                    String msg = "worker " + q.get("rank") + " failed: " + new String(body, StandardCharsets.UTF_8);
                    fail(msg, null);
                    respond(ex, 200, new byte[0]);
                }
                default -> respond(ex, 404, new byte[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException e) {
            respond(ex, 400, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private int rank(String s) {
        int r = Integer.parseInt(s);
        if (r < 0 || r >= config.workers()) {
            throw new IllegalArgumentException("rank: out of range " + r);
        }
        return r;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return m;
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        if (body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}

package io.mlsyslab.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service on a bare socket that misbehaves on purpose, one connection per request, remembered by path:
 * <ul>
 * <li>{@code .../flaky/...}: the first request for a path has its connection closed without an answer (like a
 * pooled keep-alive connection the service closed as it was reused); later ones are answered 200</li>
 * <li>anything else: read and never answered (a hung service); the stub notes when the gateway closes the
 * connection</li>
 * </ul>
 */
final class RawUpstream {

    private final ServerSocket server;
    private final Map<String, Requests> byPath = new ConcurrentHashMap<>();

    RawUpstream() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::acceptForever);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** What happened to the requests for this path (request target without the query). */
    Requests requests(String path) {
        return byPath.computeIfAbsent(path, p -> new Requests());
    }

    /**
     * @param arrived          counted down when a request for the path has been read
     * @param closedByGateway  counted down when the gateway closed a hung connection for the path
     * @param count            requests read for the path
     */
    record Requests(CountDownLatch arrived, CountDownLatch closedByGateway, AtomicInteger count) {
        Requests() {
            this(new CountDownLatch(1), new CountDownLatch(1), new AtomicInteger());
        }
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            Requests requests = requests(path);
            int nth = requests.count().incrementAndGet();
            requests.arrived().countDown();
            if (path.contains("/flaky/")) {
                if (nth > 1) {
                    connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 15\r\n\r\n{\"attempt\":" + nth + "}  ").getBytes(StandardCharsets.US_ASCII));
                }
                return;
            }
            // hung: read whatever comes until the gateway hangs up
            while (in.read() >= 0) {
                // discard
            }
            requests.closedByGateway().countDown();
        } catch (IOException e) {
            // a reset is the gateway hanging up too
        }
    }

    /** The request line and headers, or null if the connection closed first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}

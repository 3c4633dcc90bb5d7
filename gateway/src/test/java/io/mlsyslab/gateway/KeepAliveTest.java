package io.mlsyslab.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One keep-alive connection used the way an SDK session uses it: each request sent the moment the previous
 * response has arrived, alternating proxied requests (their response completes on the upstream client's thread)
 * with requests the gateway answers itself at once (401). With the upstream connections on event loops other than
 * the server's, Reactor Netty 1.3.6 stopped reading such a connection within a few dozen requests, leaving the next
 * request unanswered until the client gave up (see {@code UpstreamClient}); the gateway must answer every one.
 */
class KeepAliveTest extends GatewayTestBase {

    private static final String PROXIED =
            "GET /api/storage/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + READER + "\r\n\r\n";
    private static final String LOCAL = "GET /api/storage/echo HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Test
    void everyRequestOnOneKeepAliveConnectionIsAnswered() throws IOException {
        List<String> statuses = new ArrayList<>();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 150; i++) {
                for (String request : List.of(PROXIED, LOCAL, LOCAL)) {
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    try {
                        statuses.add(readResponseStatus(in));
                    } catch (IOException e) {
                        throw new AssertionError("request " + (statuses.size() + 1) + " of 450 unanswered; answers so far: "
                                + statuses.size(), e);
                    }
                }
            }
        }
        assertThat(statuses).hasSize(450).containsOnly("200", "401");
    }

    /** Reads one response with a Content-Length body and returns its status code. */
    private static String readResponseStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        String headers = head.toString();
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
        return headers.substring(9, 12);
    }
}

package io.mlsyslab.inference.api;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A multipart/form-data body for tests. */
final class Multipart {
    final String boundary = "b" + UUID.randomUUID();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> fields = new LinkedHashMap<>();

    Multipart field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    Multipart file(String name, byte[] bytes) {
        files.put(name, bytes);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((k, v) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n"));
        files.forEach((k, v) -> {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\"" + k
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(v);
            write(out, "\r\n");
        });
        write(out, "--" + boundary + "--\r\n");
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}

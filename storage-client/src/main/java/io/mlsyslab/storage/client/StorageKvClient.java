package io.mlsyslab.storage.client;

import io.mlsyslab.nn.json.Json;
import io.mlsyslab.nn.kernel.KvFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Client of storage-service's KV data plane ({@code /api/storage/kv}), over {@link HttpClient}. Thread-safe.
 * Services call storage directly (its {@code mlsyslab.services.urls.storage}), not through the gateway.
 */
public final class StorageKvClient {
    private static final String OCTETS = "application/octet-stream";
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final CallHeaders headers;

    /**
     * @param serviceUrl storage-service root, e.g. {@code http://localhost:8081}
     * @param headers    extra headers on every call (e.g. {@code Authorization} when going through the gateway)
     */
    public StorageKvClient(URI serviceUrl, Duration timeout, Map<String, String> headers) {
        this(serviceUrl, timeout, CallHeaders.fixed(headers));
    }

    /**
     * @param serviceUrl storage-service root, e.g. {@code http://localhost:8081}
     * @param headers    headers chosen per call, e.g. the calling service's principal signature
     */
    public StorageKvClient(URI serviceUrl, Duration timeout, CallHeaders headers) {
        String s = serviceUrl.toString();
        this.base = URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/api/storage/kv");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
        this.headers = headers;
    }

    public StorageKvClient(URI serviceUrl) {
        this(serviceUrl, Duration.ofSeconds(60), Map.of());
    }

    /** Creates an empty sequence. */
    public SequenceHandle create(int layers, int kvHeads, int headDim, KvFormat dtype) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("layers", layers);
        body.put("kvHeads", kvHeads);
        body.put("headDim", headDim);
        body.put("dtype", dtype.wireName());
        return handle(sendString(request("/sequences").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build()));
    }

    /** Shape and length of a sequence. */
    public SequenceHandle info(UUID id) {
        return handle(sendString(request("/sequences/" + id).GET().build()));
    }

    /** Deletes a sequence. */
    public void delete(UUID id) {
        sendString(request("/sequences/" + id).DELETE().build());
    }

    /** Cuts every layer back to {@code length} tokens. */
    public SequenceHandle truncate(UUID id, int length) {
        return handle(sendString(request("/sequences/" + id + "/truncate?length=" + length)
                .POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /**
     * Appends {@code tokens} rows of K and V ({@code [tokens][kvHeads][headDim]} fp32 each, from the offsets) to one
     * layer at position {@code pos} ({@code -1}: at the end), converted to the sequence's dtype. Returns the layer's
     * new length.
     */
    public int appendLayer(UUID id, KvFormat dtype, int layer, int pos, int tokens, float[] k, int kOff, float[] v,
                           int vOff, int rowFloats) {
        int n = tokens * rowFloats;
        ByteBuffer b = ByteBuffer.allocate(2 * n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        KvFraming.encodeRows(k, kOff, n, dtype, b);
        KvFraming.encodeRows(v, vOff, n, dtype, b);
        String q = "?layer=" + layer + "&tokens=" + tokens + (pos >= 0 ? "&pos=" + pos : "");
        return length(sendString(request("/sequences/" + id + "/append" + q).header("Content-Type", OCTETS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.array())).build()));
    }

    /**
     * Appends rows to one layer of many sequences in one call (one durable step on the server): item i appends
     * {@code tokens} rows at {@code pos}. Returns the layer's new length per item.
     */
    public int[] appendLayerBatch(int layer, List<KvFraming.AppendItem> items) {
        String json = sendString(request("/append?layer=" + layer).header("Content-Type", OCTETS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(KvFraming.appendBatchRequest(items))).build());
        @SuppressWarnings("unchecked")
        List<Number> lengths = (List<Number>) Json.parseObject(json).get("lengths");
        return lengths.stream().mapToInt(Number::intValue).toArray();
    }

    /** Encodes fp32 K and V rows ({@code tokens × rowFloats} each) for an {@link KvFraming.AppendItem}. */
    public static byte[] encodeRows(KvFormat dtype, int tokens, int rowFloats, float[] k, int kOff, float[] v,
                                    int vOff) {
        int n = tokens * rowFloats;
        ByteBuffer b = ByteBuffer.allocate(2 * n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        KvFraming.encodeRows(k, kOff, n, dtype, b);
        KvFraming.encodeRows(v, vOff, n, dtype, b);
        return b.array();
    }

    /** Appends already-encoded rows of every layer (K then V per layer, in the sequence's dtype). */
    public int appendAll(UUID id, int tokens, int pos, byte[] body) {
        String q = "?tokens=" + tokens + (pos >= 0 ? "&pos=" + pos : "");
        return length(sendString(request("/sequences/" + id + "/append" + q).header("Content-Type", OCTETS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    /** Attention of {@code q} ({@code qHeads × headDim}) over the first {@code length} tokens (-1: all). */
    public float[] attention(UUID id, int layer, int length, float[] q, int qOff, int qFloats) {
        String p = "/sequences/" + id + "/attention?layer=" + layer + (length >= 0 ? "&length=" + length : "");
        byte[] out = sendBytes(request(p).header("Content-Type", OCTETS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(KvFraming.floatsToBytes(q, qOff, qFloats))).build());
        return KvFraming.bytesToFloats(out);
    }

    /** Batched attention at one layer: one output per item, in order. */
    public List<KvFraming.BatchResult> attentionBatch(int layer, List<KvFraming.BatchItem> items) {
        byte[] out = sendBytes(request("/attention?layer=" + layer).header("Content-Type", OCTETS)
                .POST(HttpRequest.BodyPublishers.ofByteArray(KvFraming.batchRequest(items))).build());
        try {
            return KvFraming.readBatchResponse(new ByteArrayInputStream(out));
        } catch (IOException e) {
            throw new StorageClientException(200, e.getMessage(), e);
        }
    }

    /** The stored K then V of one layer ({@code [len][kvHeads][headDim]} each, widened to fp32). */
    public float[][] fetchLayer(UUID id, KvFormat dtype, int layer) {
        byte[] raw = sendBytes(request("/sequences/" + id + "/layers/" + layer).GET().build());
        int n = raw.length / dtype.bytes() / 2;
        float[] k = new float[n], v = new float[n];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        KvFraming.decodeRows(b, dtype, k, 0, n);
        KvFraming.decodeRows(b, dtype, v, 0, n);
        return new float[][]{k, v};
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    }

    /** {@code req} with this client's headers for it, chosen once its method and target are known. */
    private HttpRequest withHeaders(HttpRequest req) {
        HttpRequest.Builder b = HttpRequest.newBuilder(req, (name, value) -> true);
        headers.forCall(req.method(), req.uri()).forEach(b::setHeader);
        return b.build();
    }

    private String sendString(HttpRequest req) {
        return new String(sendBytes(req), StandardCharsets.UTF_8);
    }

    private byte[] sendBytes(HttpRequest unsigned) {
        HttpRequest req = withHeaders(unsigned);
        HttpResponse<byte[]> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new StorageClientException(0, req.method() + " " + req.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageClientException(0, req.method() + " " + req.uri() + ": interrupted", e);
        }
        if (res.statusCode() / 100 != 2) {
            throw new StorageClientException(res.statusCode(), req.method() + " " + req.uri() + " -> "
                    + res.statusCode() + ": " + new String(res.body(), StandardCharsets.UTF_8), null);
        }
        return res.body();
    }

    private static int length(String json) {
        return ((Number) Json.parseObject(json).get("length")).intValue();
    }

    private static SequenceHandle handle(String json) {
        Map<String, Object> m = Json.parseObject(json);
        return new SequenceHandle(UUID.fromString((String) m.get("id")), num(m, "layers"), num(m, "kvHeads"),
                num(m, "headDim"), KvFormat.fromName("dtype", (String) m.get("dtype")), num(m, "length"),
                ((Number) m.get("bytes")).longValue());
    }

    private static int num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    /** Convenience: ids of handles. */
    public static List<UUID> ids(List<SequenceHandle> handles) {
        List<UUID> out = new ArrayList<>();
        handles.forEach(h -> out.add(h.id()));
        return out;
    }
}

package io.mlsyslab.storage.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.storage.attention.AttentionQuery;
import io.mlsyslab.storage.attention.AttentionResult;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.client.KvFraming;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * In-storage attention: q goes in, the attention output comes out; the K/V never leave the store. The work runs on
 * the service's attention threads and compute pool, not on the request thread.
 */
@RestController
@RequestMapping("${mlsyslab.api-prefix}/kv")
public class AttentionController {
    private final InStorageAttention attention;
    private final ExecutorService executor;
    private final Timer latency;
    private final Counter linkIn;
    private final Counter linkOut;

    public AttentionController(InStorageAttention attention,
                               @Qualifier("kvAttentionExecutor") ExecutorService executor, MeterRegistry registry) {
        this.attention = attention;
        this.executor = executor;
        this.latency = Timer.builder("kv.attention.latency").description("in-storage attention call latency")
                .publishPercentileHistogram().register(registry);
        this.linkIn = KvController.linkCounter(registry, "in");
        this.linkOut = KvController.linkCounter(registry, "out");
    }

    /**
     * Body: q as f32 {@code [qHeads][headDim]}; answer: f32 {@code [qHeads][headDim]}. {@code length} limits the
     * tokens attended to a prefix; {@code sparsity} in (0, 1) is the kept page fraction of the sparse mode;
     * {@code error=true} also computes dense attention and reports the relative error in {@code X-Kv-Sparse-Error}.
     */
    @PostMapping(path = "/sequences/{id}/attention", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
            produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<byte[]> attend(@PathVariable UUID id,
                                         @RequestParam(required = false) Integer layer,
                                         @RequestParam(required = false) Integer length,
                                         @RequestParam(required = false) Double sparsity,
                                         @RequestParam(defaultValue = "false") boolean error,
                                         HttpServletRequest request) throws IOException {
        double keep = keep(sparsity);
        requireLayer(layer);
        checkLength(length, "length");
        byte[] raw = readQuery(request);
        float[] q = KvFraming.bytesToFloatsNamed(raw, "body");
        AttentionQuery query = new AttentionQuery(id, q, length == null ? -1 : length);
        AttentionResult r = time(() -> attention.attend(query, layer, keep, error));
        linkIn.increment(raw.length);
        byte[] out = KvFraming.floatsToBytes(r.out(), 0, r.out().length);
        linkOut.increment(out.length);
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Kv-Length", Integer.toString(r.length()));
        headers.set("X-Kv-Bytes-Scanned", Long.toString(r.bytesScanned()));
        headers.set("X-Kv-Pages-Kept", Integer.toString(r.pagesKept()));
        headers.set("X-Kv-Pages-Total", Integer.toString(r.pagesTotal()));
        if (!Double.isNaN(r.sparseError())) {
            headers.set("X-Kv-Sparse-Error", Double.toString(r.sparseError()));
        }
        return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_OCTET_STREAM).body(out);
    }

    /** Batched attention at one layer; framing in {@link KvFraming} and docs/kv-api.md. */
    @PostMapping(path = "/attention", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
            produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<byte[]> attendBatch(@RequestParam(required = false) Integer layer,
                                              @RequestParam(required = false) Double sparsity,
                                              HttpServletRequest request) throws IOException {
        double keep = keep(sparsity);
        requireLayer(layer);
        List<KvFraming.BatchItem> items = KvFraming.readBatchRequest(request.getInputStream());
        List<AttentionQuery> queries = new ArrayList<>(items.size());
        long in = 8;
        for (KvFraming.BatchItem item : items) {
            queries.add(new AttentionQuery(item.sequence(), item.q(), item.length()));
            in += 24 + 4L * item.q().length;
        }
        List<AttentionResult> results = time(() -> attention.attendBatch(queries, layer, keep, false));
        List<KvFraming.BatchResult> framed = new ArrayList<>(results.size());
        long scanned = 0;
        for (AttentionResult r : results) {
            framed.add(new KvFraming.BatchResult(r.length(), r.out()));
            scanned += r.bytesScanned();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KvFraming.writeBatchResponse(framed, out);
        linkIn.increment(in);
        linkOut.increment(out.size());
        return ResponseEntity.ok().header("X-Kv-Bytes-Scanned", Long.toString(scanned))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(out.toByteArray());
    }

    private <T> T time(java.util.concurrent.Callable<T> work) {
        long start = System.nanoTime();
        try {
            return KvErrors.await(executor.submit(work));
        } finally {
            latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static double keep(Double sparsity) {
        if (sparsity == null) {
            return 1.0;
        }
        if (!(sparsity > 0 && sparsity <= 1)) {
            throw ProblemException.badField("sparsity", "kept page fraction must be in (0, 1], was " + sparsity);
        }
        return sparsity;
    }

    private static void requireLayer(Integer layer) {
        if (layer == null) {
            throw ProblemException.badField("layer", "required");
        }
    }

    private static void checkLength(Integer length, String field) {
        if (length != null && length < 1) {
            throw ProblemException.badField(field, "must be >= 1, was " + length);
        }
    }

    private static byte[] readQuery(HttpServletRequest request) throws IOException {
        int max = 4 * KvFraming.MAX_QUERY_FLOATS;
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw ProblemException.tooLarge("body", "a query holds at most " + KvFraming.MAX_QUERY_FLOATS
                    + " floats, got " + declared + " bytes");
        }
        byte[] raw = request.getInputStream().readNBytes(max + 1);
        if (raw.length > max) {
            throw ProblemException.tooLarge("body", "a query holds at most " + KvFraming.MAX_QUERY_FLOATS + " floats");
        }
        if (raw.length == 0 || raw.length % 4 != 0) {
            throw ProblemException.badField("body", "q must be f32 [qHeads][headDim], got " + raw.length + " bytes");
        }
        return raw;
    }
}

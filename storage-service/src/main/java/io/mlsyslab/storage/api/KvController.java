package io.mlsyslab.storage.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.platform.errors.ProblemException;
import io.mlsyslab.platform.security.Caller;
import io.mlsyslab.platform.security.Ownership;
import io.mlsyslab.storage.client.KvFraming;
import io.mlsyslab.storage.kv.KvLayout;
import io.mlsyslab.storage.kv.KvStore;
import io.mlsyslab.storage.kv.LayerView;
import io.mlsyslab.storage.kv.SequenceInfo;
import io.mlsyslab.storage.persistence.KvSequenceEntity;
import io.mlsyslab.storage.persistence.SequenceCatalogue;
import io.mlsyslab.nn.kernel.KvFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Sequences of the KV store: create, describe, append (streamed), fetch a layer (streamed), truncate, delete. */
@RestController
@RequestMapping("${mlsyslab.api-prefix}/kv")
public class KvController {
    private final KvStore store;
    private final SequenceCatalogue catalogue;
    private final Counter linkIn;
    private final Counter linkOut;

    public KvController(KvStore store, SequenceCatalogue catalogue, MeterRegistry registry) {
        this.store = store;
        this.catalogue = catalogue;
        this.linkIn = linkCounter(registry, "in");
        this.linkOut = linkCounter(registry, "out");
    }

    static Counter linkCounter(MeterRegistry registry, String direction) {
        return Counter.builder("kv.link.bytes").baseUnit("bytes").tag("direction", direction)
                .description("data-plane bytes crossing the service boundary").register(registry);
    }

    @PostMapping(path = "/sequences", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SequenceResponse> create(@Valid @RequestBody CreateSequenceRequest body,
                                                   HttpServletRequest request) {
        // the owner is the caller whose signature SignedCallerFilter verified, never a header as sent
        String principal = Caller.of(request).principal();
        String owner = principal == null ? "anonymous" : principal;
        SequenceInfo info = KvErrors.call(() -> store.create(null, body.layers(), body.kvHeads(), body.headDim(),
                KvFormat.fromName("dtype", body.dtype())));
        try {
            catalogue.created(info, owner);
        } catch (RuntimeException e) {
            store.delete(info.id());
            throw e;
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(info.id()).toUri()).body(SequenceResponse.of(info, owner));
    }

    @GetMapping("/sequences")
    public List<SequenceResponse> list() {
        return store.list().stream().map(i -> SequenceResponse.of(i, owner(i.id()))).toList();
    }

    @GetMapping("/sequences/{id}")
    public SequenceResponse get(@PathVariable UUID id) {
        return SequenceResponse.of(KvErrors.call(() -> store.info(id)), owner(id));
    }

    /** Only the sequence's owner or an admin may delete it ({@link Ownership}). */
    @DeleteMapping("/sequences/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id, HttpServletRequest request) {
        KvErrors.call(() -> store.info(id));
        String owner = catalogue.find(id).map(KvSequenceEntity::getOwner).orElse(null);
        Ownership.requireOwnerOrAdmin(Caller.of(request), owner, "delete", "KV sequence " + id);
        KvErrors.call(() -> {
            store.delete(id);
            return null;
        });
        catalogue.deleted(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/sequences/{id}/truncate")
    public SequenceResponse truncate(@PathVariable UUID id, @RequestParam(required = false) Integer length) {
        if (length == null || length < 0) {
            throw ProblemException.badField("length", "must be >= 0, was " + length);
        }
        return SequenceResponse.of(KvErrors.call(() -> store.truncate(id, length)), owner(id));
    }

    /**
     * Appends {@code tokens} tokens: to every layer (body: per layer K then V, each {@code [tokens][kvHeads][headDim]})
     * or, with {@code layer}, to that layer only (body: K then V). {@code pos}, when given, must equal the current
     * length (else 409). The body is streamed into pages, never held whole.
     */
    @PostMapping(path = "/sequences/{id}/append", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public LengthResponse append(@PathVariable UUID id, @RequestParam(required = false) Integer tokens,
                                 @RequestParam(required = false) Integer layer,
                                 @RequestParam(required = false) Integer pos,
                                 HttpServletRequest request) throws IOException {
        if (tokens == null || tokens < 1 || tokens > KvStore.MAX_APPEND_TOKENS) {
            throw ProblemException.badField("tokens", "must be in [1, " + KvStore.MAX_APPEND_TOKENS + "], was "
                    + tokens);
        }
        if (pos != null && pos < 0) {
            throw ProblemException.badField("pos", "must be >= 0, was " + pos);
        }
        KvLayout layout = KvErrors.call(() -> store.info(id)).layout();
        if (layer != null && (layer < 0 || layer >= layout.layers())) {
            throw ProblemException.badField("layer", "must be in [0, " + (layout.layers() - 1) + "], was " + layer);
        }
        long expected = layout.appendBytes(layer == null ? layout.layers() : 1, tokens);
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared != expected) {
            throw ProblemException.badField("body", "expected " + expected + " bytes (" + (layer == null
                    ? layout.layers() + " layers × " : "") + "K and V of [" + tokens + "][" + layout.kvHeads()
                    + "][" + layout.headDim() + "] " + layout.format().wireName() + "), got " + declared);
        }
        InputStream body = request.getInputStream();
        int length = KvErrors.call(() -> store.append(id, layer == null ? -1 : layer, pos == null ? -1 : pos,
                tokens, body));
        linkIn.increment(expected);
        return new LengthResponse(length, layer);
    }

    /**
     * Appends rows to one layer of many sequences in one durable step (framing {@code KVA1}, see
     * {@link io.mlsyslab.storage.client.KvFraming}); answers the new layer length per item.
     */
    @PostMapping(path = "/append", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public BatchLengthsResponse appendBatch(@RequestParam(required = false) Integer layer,
                                            HttpServletRequest request) throws IOException {
        if (layer == null || layer < 0) {
            throw ProblemException.badField("layer", layer == null ? "required" : "must be >= 0, was " + layer);
        }
        InputStream in = request.getInputStream();
        int count = KvFraming.readAppendPreamble(in);
        int[] index = {0};
        long[] bytes = {8};
        int[] lengths = KvErrors.call(() -> store.appendBatch(layer, () -> {
            if (index[0] == count) {
                return null;
            }
            try {
                KvFraming.AppendHeader h = KvFraming.readAppendHeader(in, index[0]);
                KvLayout layout = store.info(h.sequence()).layout();
                bytes[0] += 24 + layout.appendBytes(1, Math.max(0, h.tokens()));
                index[0]++;
                return new KvStore.AppendHeader(h.sequence(), h.pos(), h.tokens());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, in));
        if (in.read() >= 0) {
            throw ProblemException.badField("body", "bytes after the last of " + count + " items");
        }
        linkIn.increment(bytes[0]);
        return new BatchLengthsResponse(lengths);
    }

    /** Answer of a batched append: the new layer length of each item, in order. */
    public record BatchLengthsResponse(int[] lengths) {
    }

    /** K {@code [len][kvHeads][headDim]} then V alike, in the sequence's dtype, streamed page by page. */
    @GetMapping(path = "/sequences/{id}/layers/{layer}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<StreamingResponseBody> fetchLayer(@PathVariable UUID id, @PathVariable int layer) {
        SequenceInfo info = KvErrors.call(() -> store.info(id));
        KvLayout layout = info.layout();
        if (layer < 0 || layer >= layout.layers()) {
            throw ProblemException.badField("layer", "must be in [0, " + (layout.layers() - 1) + "], was " + layer);
        }
        int length = info.layerLengths()[layer];
        long bytes = 2L * length * layout.tokenBytes();
        StreamingResponseBody body = out -> {
            try (LayerView view = store.openLayer(id, layer, length)) {
                view.writeTo(out);
            }
            linkOut.increment(bytes);
        };
        HttpHeaders headers = new HttpHeaders();
        headers.setContentLength(bytes);
        headers.set("X-Kv-Length", Integer.toString(length));
        headers.set("X-Kv-Dtype", layout.format().wireName());
        return new ResponseEntity<>(body, headers, HttpStatus.OK);
    }

    private String owner(UUID id) {
        return catalogue.find(id).map(KvSequenceEntity::getOwner).orElse("unknown");
    }
}
